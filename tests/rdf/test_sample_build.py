"""The graph of the sample corpus (`kg build data/articles`) validates, exports and answers the
competency queries (session fixture ``sample_build`` in tests/conftest.py)."""
from __future__ import annotations

import pytest

from kg.query import named_queries, run_query
from kg.store.export import export
from kg.store.validate import validate

#: every query but headquartered-in-country must answer on the two sample articles (neither states where a
#: company has its headquarters)
MUST_ANSWER = ("store-openings", "company-events", "entity-mentions", "co-mentions", "people-roles",
               "company-products", "fact-sources")


def test_sample_graph_validates(sample_build):
    report = validate(sample_build)
    assert report.conforms, report.text


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_competency_queries_run_on_the_sample(sample_build, name):
    result = run_query(sample_build, name)
    assert result.columns
    if name in MUST_ANSWER:
        assert result.rows, name


def test_sample_store_openings_have_status_and_source(sample_build):
    result = run_query(sample_build, "store-openings")
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert rows
    assert all(r["status"] in ("planned", "done", "cancelled") and r["sentence"] and r["source"] for r in rows)
    # "will follow" / "vient d'ouvrir": both statuses are in the two articles
    assert {"planned", "done"} <= {r["status"] for r in rows}


def test_sample_fact_sources_point_into_the_articles(sample_build):
    texts = dict(run_query(sample_build, "SELECT ?src ?text WHERE { ?a a kg:Article ; kg:source ?src ; "
                                         "schema:text ?text }").rows)
    result = run_query(sample_build, "fact-sources")
    assert result.rows
    for row in result.rows:
        r = dict(zip(result.columns, row))
        # offsets are into the article text (schema:text: the file's text after any front matter)
        assert texts[r["source"]][int(r["sentenceStart"]):int(r["sentenceEnd"])] == r["sentence"]


def test_sample_export_is_byte_stable(sample_build):
    assert export(sample_build, "trig") == export(sample_build / "graph.trig", "trig")
