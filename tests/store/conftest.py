"""Fixtures shared by the store tests."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

SMALL = Path(__file__).resolve().parents[1] / "data" / "small.trig"
_KG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


@pytest.fixture(scope="module")
def articles() -> dict[str, rdflib.Graph]:
    """Article IRI -> its named graph, from small.trig."""
    dataset = rdflib.Dataset()
    dataset.parse(SMALL, format="trig")
    graphs = {str(g.identifier): g for g in dataset.graphs() if (g.identifier, rdflib.RDF.type, _KG.Article) in g}
    assert len(graphs) == 2
    return graphs
