"""kg.store.export: every format round-trips, and the same graph always gives the same bytes."""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import KGError
from kg.store.export import EXPORTERS, export, quads_of

ROOT = Path(__file__).resolve().parents[2]
RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}


def _dataset(graphs, *, shuffle: int | None = None) -> Dataset:
    dataset = Dataset()
    graphs = list(graphs)
    rng = random.Random(shuffle)
    if shuffle is not None:
        rng.shuffle(graphs)
    for graph in graphs:
        target = dataset.graph(graph.identifier)
        triples = sorted(graph)
        if shuffle is not None:
            rng.shuffle(triples)
        for triple in triples:
            target.add(triple)
    return dataset


@pytest.fixture(scope="module")
def dataset(sample_graphs) -> Dataset:
    return _dataset(sample_graphs.values())


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_same_graph_same_bytes_whatever_the_insertion_order(sample_graphs, dataset, fmt):
    first = export(dataset, fmt)
    for seed in (1, 2):
        assert export(_dataset(sample_graphs.values(), shuffle=seed), fmt) == first
    assert first


def test_same_bytes_across_processes_with_different_hash_seeds(dataset, tmp_path):
    path = tmp_path / "in.nq"
    path.write_bytes(export(dataset, "nquads"))
    script = ("import sys; from kg.store.export import export; "
              "sys.stdout.buffer.write(export(__import__('rdflib').Dataset().parse(sys.argv[1], format='nquads'),"
              " 'trig'))")
    outputs = {subprocess.run([sys.executable, "-c", script, str(path)], env={"PYTHONHASHSEED": seed,
                                                                              "PYTHONPATH": str(ROOT)},
                              capture_output=True, check=True).stdout for seed in ("1", "2")}
    assert outputs == {export(dataset, "trig")}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_parse_back_to_the_same_graph(dataset, fmt):
    data = export(dataset, fmt)
    named = fmt in ("nquads", "trig", "jsonld")
    back = (Dataset() if named else Graph()).parse(data=data, format=RDF_FORMATS[fmt])
    expected = quads_of(dataset)
    got = quads_of(back)
    if not named:  # turtle and ntriples are the union graph
        expected = [q[:3] for q in expected]
        got = [q[:3] for q in got]
    assert set(got) == set(expected) and len(got) == len(set(got))
    assert len(got) > 300


def test_jsonld_uses_the_context_file(dataset):
    data = json.loads(export(dataset, "jsonld"))
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text())["@context"]
    assert data["@context"] == context
    text = json.dumps(data)
    assert '"kg:StoreOpening"' in text and '"schema:headline"' in text


def test_graphml_has_entities_events_and_relations(dataset):
    graph = nx.read_graphml(io.BytesIO(export(dataset, "graphml")))
    labels = {data["label"]: data["type"] for _, data in graph.nodes(data=True)}
    assert labels["IKEA"] == "Company" and labels["Bernard Arnault"] == "Person"
    assert labels["Billy bookcase"] == "Product"
    edges = {(graph.nodes[u]["label"], d["predicate"], graph.nodes[v]["label"]) for u, v, d in graph.edges(data=True)}
    assert ("LVMH", "ceo", "Bernard Arnault") in edges
    assert ("Hyderabad", "country", "India") in edges
    assert ("Acquisition: LVMH -> Tiffany & Co · 2021-01-07 · done", "target", "Tiffany & Co") in edges
    # mentions, statements and articles are provenance, not nodes of the entity graph
    assert not any("/mention/" in n or "/statement/" in n or "/article/" in n for n in graph.nodes)


def test_export_writes_the_file(dataset, tmp_path):
    out = tmp_path / "sub" / "graph.ttl"
    data = export(dataset, "turtle", out)
    assert out.read_bytes() == data


def test_export_reads_a_store_or_rdf_file(dataset, tmp_path):
    path = tmp_path / "graph.trig"
    export(dataset, "trig", path)
    assert export(str(path), "nquads") == export(dataset, "nquads")


def test_unknown_format_lists_the_valid_ones(dataset):
    with pytest.raises(KGError, match=r"unknown export format 'xml'; valid: graphml, jsonld, nquads, ntriples"):
        export(dataset, "xml")


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_streamed_export_of_a_store_has_the_same_bytes_as_the_whole_graph_one(sample_graphs, fmt, tmp_path):
    from kg.store import open_store

    location = tmp_path / "store"
    with open_store(location, create=True) as store:
        for n, graph in enumerate(sample_graphs.values()):
            store.replace_article(graph.identifier, graph, f"hash-{n}")
    whole = export(location, fmt)  # no file: the sorted in-memory path
    assert export(location, fmt, tmp_path / f"out.{fmt}") == b""
    assert (tmp_path / f"out.{fmt}").read_bytes() == whole and len(whole) > 1000
    with open_store(location) as store:  # a triple of the default graph only, as other tools may write
        store.update("INSERT DATA { <https://example.org/a> <https://example.org/p> \"only here\" }")
    export(location, fmt, tmp_path / f"again.{fmt}")
    assert (tmp_path / f"again.{fmt}").read_bytes() == export(location, fmt)
    assert b"only here" in (tmp_path / f"again.{fmt}").read_bytes()
