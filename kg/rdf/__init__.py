"""The RDF side of kg: ontology namespace, IRIs, the per-article graph model, export and SHACL.

``article_quads(resolved)`` is the entry point of the pipeline (pyoxigraph quads, what the store
holds); ``article_graph(resolved)`` gives the same graph as an rdflib Graph. See ontology/MODEL.md.
"""
from kg.rdf.model import ArticleQuads, article_graph, article_quads

__all__ = ["ArticleQuads", "article_graph", "article_quads"]
