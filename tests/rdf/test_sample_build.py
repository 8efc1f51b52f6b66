"""The graph of the sample corpus (`kg build data/articles`) validates, exports and answers the
competency queries (session fixture ``sample_build`` in tests/conftest.py)."""
from __future__ import annotations

import pytest

from kg.query import named_queries, run_query
from kg.rdf.export import export
from kg.rdf.validate import validate

#: queries the two sample articles must answer (the other ones depend on facts the articles may not state)
MUST_ANSWER = ("store-openings", "company-events", "entity-mentions", "co-mentions")


def test_sample_graph_validates(sample_build):
    report = validate(sample_build)
    assert report.conforms, report.text


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_competency_queries_run_on_the_sample(sample_build, name):
    result = run_query(sample_build, name)
    assert result.columns
    if name in MUST_ANSWER:
        assert result.rows, name


def test_sample_store_openings_are_xiaomi_in_france(sample_build):
    rows = run_query(sample_build, "store-openings", params={"company": "xiaomi"}).rows
    assert rows
    # every opening comes with its status and source sentence
    assert all(row[4] in ("planned", "done", "cancelled") and row[5] for row in rows)


def test_sample_export_is_byte_stable(sample_build):
    assert export(sample_build, "trig") == export(sample_build / "graph.trig", "trig")
