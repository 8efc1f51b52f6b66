"""The RDF side of kg: ontology namespace, IRIs, the per-article graph model, export and SHACL.

``article_graph(resolved)`` is the entry point of the pipeline; see ontology/MODEL.md for the model.
"""
from kg.rdf.model import article_graph

__all__ = ["article_graph"]
