"""Stage 9, serve: the SPARQL 1.1 endpoint.

| module | owns |
|---|---|
| :mod:`kg.serve.server` | the HTTP server: protocol, limits, the graph page |
| :mod:`kg.serve.workers` | query worker processes (timeouts, memory caps, result formats) |
| :mod:`kg.serve.command` | the ``kg serve`` command and its options |
"""
from __future__ import annotations

from typing import Any

__all__ = ["make_server", "serve"]


def __getattr__(name: str) -> Any:
    # Loaded on use: the CLI imports kg.serve.command at start, and must not pay for the server then.
    if name in __all__:
        from kg.serve import server

        return getattr(server, name)
    raise AttributeError(f"module 'kg.serve' has no attribute {name!r}")
