"""The scoped corpus refresh (kg.store.corpus_rows, kg.store.corpus_scope): after any sequence of builds,
adds and removes, in any order and with two workers, the corpus graph is the full recompute over the
stored articles, while a refresh reads only the rows its changes touch. Articles are invented; the real
pipeline runs."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.pipeline import add, build, remove
from kg.rdf.event_nodes import EVENTS_GRAPH, event_quads
from kg.rdf.iris import entity_iri
from kg.rdf.namespace import ID
from kg.resolve.corpus import decide
from kg.resolve.events import decide as decide_events
from kg.store import open_store
from kg.store.corpus import CORPUS_GRAPH, corpus_quads, corpus_rows, rebuild
from kg.store.corpus_rows import GONE, NEW, SET_STATE, STARTED, article_seen, ready
from kg.store.counts import graph_counts, raw_counts, recount
from kg.store.events import _labels, event_rows

GM = f"<{entity_iri('organization/general motors')}>"
ARTICLES = {
    "gm-full.txt": ("2024-03-04", "en", ("General Motors (GM) said on Monday that Mary Barra met Ford executives in "
                                        "Detroit. Barra said GM shares rose 3%.")),
    "gm-short.txt": ("2024-03-05", "en", ("GM cut prices of its trucks. Barra told Ford dealers that sales would "
                                         "recover in Detroit.")),
    "gm-again.txt": ("2024-03-06", "en", "GM opened a plant in Ohio, the carmaker said on Tuesday."),
    "goldman-1.txt": ("2024-04-01", "en", ("Goldman Sachs advised Orbis Capital on the deal. Goldman earned a "
                                          "large fee, people familiar with the matter said.")),
    "goldman-2.txt": ("2024-04-02", "en", ("Goldman Sachs raised its forecast for oil. Goldman analysts expect "
                                          "prices to climb.")),
    "trump.txt": ("2024-04-05", "en", "Donald Trump praised Orbis Capital on Friday. Trump spoke in Ohio."),
    "kinder.txt": ("2024-04-03", "en", "Kinder Morgan agreed to sell a pipeline to Orbis Capital for $1bn."),
    "gm-deal.txt": ("2024-03-07", "en", ("GM agreed to buy Lumen Tools for $2bn on Monday. The deal is expected "
                                        "to close in June.")),
    "gm-deal-done.txt": ("2024-06-20", "en", "General Motors bought Lumen Tools, the two companies said."),
    "lumen-fr.txt": ("2024-05-02", "fr", "Le groupe Lumen Tools a annoncé le rachat de la société Alpro à Lyon."),
}


def _write(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        date, lang, text = ARTICLES[name]
        (folder / name).write_text(f"---\ndate: {date}\nlang: {lang}\n---\n{text}\n", encoding="utf-8")
    return folder


def _corpus(location) -> list[str]:
    with open_store(location, read_only=True) as store:
        return sorted(str(q) for q in store.quads() if q.graph_name == ox.NamedNode(CORPUS_GRAPH))


def _full(location) -> list[str]:
    """The corpus graph as a full recompute over the stored articles gives it (the SPARQL read)."""
    with open_store(location, read_only=True) as store:
        rows, mentions = corpus_rows(store)
        return sorted(str(q) for q in corpus_quads(decide(rows), rows, mentions))


def _events(location) -> tuple[list[str], list[str]]:
    """The events graph as stored, and as a decision over every event mention of the store gives it."""
    with open_store(location, read_only=True) as store:
        stored = sorted(str(q) for q in store.quads() if q.graph_name == ox.NamedNode(EVENTS_GRAPH))
        rows = event_rows(store)
        by_iri = {r.iri: r for r in rows}
        labels = _labels(store, {f"{ID}{v}" for r in rows for v in (r.agent, r.target, r.product, *r.places) if v})
        full = sorted(str(q) for c in decide_events(rows) for q in event_quads(c, by_iri, labels))
    return stored, full


def _check(location) -> list[str]:
    """The corpus graph, after checking it is the full recompute, the sets are ready and all decided,
    and the counters still agree with a recount."""
    got = _corpus(location)
    assert got == _full(location)
    stored, full = _events(location)
    assert stored == full
    with open_store(location) as store:
        ox_store = store.oxigraph
        assert ready(ox_store)
        assert not list(ox_store.quads_for_pattern(None, SET_STATE, NEW, None))
        assert not list(ox_store.quads_for_pattern(None, SET_STATE, GONE, None))
        stored, fresh = raw_counts(store), recount(store)
        assert {k: v for k, v in stored.items() if v and k not in ("writes", "epoch")} == \
            {k: v for k, v in fresh.items() if v}
    return got


def _entities(location) -> dict[str, int]:
    with open_store(location, read_only=True) as store:
        return graph_counts(store).entities


def test_the_rows_kept_per_article_are_what_the_store_wide_read_gives(tmp_path):
    out = tmp_path / "out"
    build([_write(tmp_path / "in", list(ARTICLES))], out)
    with open_store(out, read_only=True) as store:
        rows, mentions = corpus_rows(store)
        kept = []
        for graph in store.article_graphs():
            if graph != CORPUS_GRAPH and not graph.endswith("/events"):
                quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                kept += article_seen(graph, quads)
    assert sorted(rows) == sorted(row for row, _ in kept)
    assert {k: sorted(set(v)) for k, v in mentions.items() if k in {(r.article, r.key) for r in rows}} == \
        {(row.article, row.key): list(ms) for row, ms in kept if ms}


def test_adds_and_removes_leave_the_full_recompute_in_any_order(tmp_path):
    names = list(ARTICLES)
    clean = tmp_path / "clean"
    build([_write(tmp_path / "all", names)], clean)
    whole = _check(clean)
    # the texts tie "GM" to General Motors across articles: not an empty graph compared to an empty one
    assert any("corpusEntity" in q and GM in q for q in whole), whole
    # the surname rule reads the organisations of two articles (Ford in both): the scope must bring them
    assert any("is the surname of 'mary barra', named with 'ford'" in q for q in whole), whole
    # "GM" agreed to buy Lumen Tools, "General Motors" bought it: one deal through the corpus decision
    assert any('#sources> "2"' in q for q in _events(clean)[0])

    steps = tmp_path / "steps"
    build([_write(tmp_path / "s1", ["gm-short.txt", "goldman-1.txt"])], steps)
    seen = [_check(steps)]
    add(steps, [_write(tmp_path / "s2", ["gm-full.txt", "kinder.txt"])])
    seen.append(_check(steps))
    add(steps, [_write(tmp_path / "s3", ["goldman-2.txt", "gm-again.txt", "lumen-fr.txt", "gm-deal.txt",
                                         "gm-deal-done.txt", "trump.txt"])])
    assert _check(steps) == whole
    # the article that spells GM out goes: "GM" is a name of its own again, in every article
    assert remove(steps, "gm-full.txt")
    without = _check(steps)
    assert not any("corpusEntity" in q and GM in q for q in without)
    assert not any('#sources> "2"' in q for q in _events(steps)[0])  # and two deals, re-decided in scope
    assert remove(steps, "goldman-1.txt") and remove(steps, "kinder.txt")
    _check(steps)
    add(steps, [_write(tmp_path / "s4", ["gm-full.txt", "goldman-1.txt", "kinder.txt"])])
    assert _check(steps) == whole
    assert seen[0] != seen[1] != whole  # each step changed the graph

    reverse = tmp_path / "reverse"
    build([_write(tmp_path / "r1", ["lumen-fr.txt", "gm-full.txt", "goldman-2.txt"])], reverse)
    _check(reverse)
    add(reverse, [_write(tmp_path / "r2", ["gm-again.txt", "gm-short.txt", "goldman-1.txt", "kinder.txt",
                                           "gm-deal.txt", "gm-deal-done.txt", "trump.txt"])])
    assert _check(reverse) == whole
    parallel = tmp_path / "parallel"
    build([tmp_path / "all"], parallel, workers=2)
    assert _check(parallel) == whole


def test_a_store_without_rows_is_rebuilt_once_then_refreshed_in_scope(tmp_path):
    out = tmp_path / "out"
    build([_write(tmp_path / "in", ["gm-full.txt", "gm-short.txt"])], out)
    whole = _check(out)
    with open_store(out) as store:  # a store from before the rows: no marker, no sets
        store.oxigraph.remove(STARTED)
        assert not ready(store.oxigraph)
        assert rebuild(store) == len(whole)
        assert ready(store.oxigraph)
    assert _check(out) == whole
    add(out, [_write(tmp_path / "more", ["gm-again.txt"])])
    assert _check(out) == _full(out)


@pytest.mark.parametrize("first", ["gm-full.txt", "gm-short.txt"])
def test_removing_every_article_that_ties_names_leaves_no_corpus_graph(tmp_path, first):
    out = tmp_path / "out"
    build([_write(tmp_path / "in", ["gm-full.txt", "gm-short.txt", "gm-again.txt"])], out)
    assert _check(out)
    # "GM" is General Motors, counted once as the Company (the kept class counters follow the corpus)
    assert "Organization" not in _entities(out) and _entities(out)["Company"] == 2
    assert remove(out, first)
    _check(out)
    if first == "gm-full.txt":  # nothing spells GM out any more: a name of its own, counted again
        assert _entities(out)["Organization"] == 1
    assert remove(out, "gm-full.txt" if first == "gm-short.txt" else "gm-short.txt")
    assert _check(out) == []


def test_a_long_article_written_in_parts_keeps_its_rows(tmp_path):
    from kg.store import staged

    out = tmp_path / "out"
    build([_write(tmp_path / "in", ["gm-short.txt", "gm-again.txt"])], out)
    other = tmp_path / "other"
    build([_write(tmp_path / "one", ["gm-full.txt"])], other)
    with open_store(other, read_only=True) as source:
        iri = next(g for g in source.article_graphs() if "gm-full" in g)
        quads = list(source.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    with open_store(out) as store:
        staged.write_staged(store, iri, quads, part=7)  # many transactions, none through write_extras
        assert ready(store.oxigraph)
        from kg.store.corpus import refresh
        from kg.store.events import refresh as refresh_events

        refresh(store)
        refresh_events(store)
    assert any("corpusEntity" in q and GM in q for q in _check(out))


def test_an_article_whose_rows_a_crash_lost_makes_the_refresh_rebuild(tmp_path):
    from kg.store.corpus import refresh
    from kg.store.corpus_rows import gone_update

    out = tmp_path / "out"
    build([_write(tmp_path / "in", ["gm-full.txt", "gm-short.txt"])], out)
    whole = _check(out)
    with open_store(out) as store:
        iri = next(g for g in store.article_graphs() if "gm-full" in g)
        # the old rows marked gone, then a crash before the article and its new rows were written
        store.oxigraph.update(gone_update(iri))
        refresh(store)
    assert _check(out) == whole
