"""kg: knowledge graphs of business news, with exact provenance.

The public Python API is small; everything else is reachable by its module::

    import kg
    store = kg.load("out")                       # a build output, a store dir or an RDF file
    df = kg.sparql_df("out", "SELECT ?s WHERE { ?s a kg:Company }")
    g = kg.to_networkx("out")
    kg.profile("out", "Xiaomi").write("xiaomi.html")   # a company dossier page
    report = kg.build(["data/articles"], "out")
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it; imported on first use so that `import kg` stays cheap
# (spaCy and the store load only when needed).
_LAZY = {
    "build": "kg.pipeline",
    "add": "kg.pipeline",
    "remove": "kg.pipeline",
    "load": "kg.query.api",
    "sparql_df": "kg.query.api",
    "to_networkx": "kg.explore.analysis",
    "profile": "kg.explore.dossier",
    "KGError": "kg.errors",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
