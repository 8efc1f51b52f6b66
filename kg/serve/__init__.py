"""Stage 9, serve: the SPARQL 1.1 endpoint.

| module | owns |
|---|---|
| :mod:`kg.serve.server` | the HTTP server: protocol, limits, the graph page |
| :mod:`kg.serve.workers` | query worker processes (timeouts, result formats) |
"""
from __future__ import annotations

from kg.serve.server import make_server, serve

__all__ = ["make_server", "serve"]
