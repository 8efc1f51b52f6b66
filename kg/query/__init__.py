"""Stage 7, query: SPARQL, named competency queries, and the Python API (DataFrames, rows).

| module | owns |
|---|---|
| :mod:`kg.query.sparql` | ``run_query``, named queries of ``ontology/queries/``, safe parameters, formats |
| :mod:`kg.query.api` | ``load``, ``select``, ``sparql_df``, ``graph_data``, ``provenance`` |
"""
from __future__ import annotations

from kg.query.sparql import QueryResult, bind_params, format_result, named_queries, resolve_query, run_query

__all__ = ["QueryResult", "bind_params", "format_result", "named_queries", "resolve_query", "run_query"]
