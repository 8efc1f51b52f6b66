"""Synthesise a large graph in the shape of ontology/MODEL.md, and time the exploration tools on it.

The graph is made up (names like "Company 17"), deterministic for a given size and seed, and has the
skew of real news: a few entities are mentioned everywhere, most only once or twice. It exists to check
that the HTML graph, the stats and the endpoint stay usable on a corpus of thousands of articles.

Usage::

    python tools/synth_graph.py 3000 -o /tmp/synth.nq          # write the graph
    python tools/synth_graph.py 3000 --bench                   # write, then time viz.render and stats
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

KG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
KINDS = (("organization", "Company", 0.45), ("person", "Person", 0.3), ("place", "City", 0.2),
         ("place", "Country", 0.05))
RELATIONS = {("Company", "City"): "headquarteredIn", ("Company", "Country"): "operatesIn",
             ("Person", "Company"): "worksFor", ("Company", "Company"): "partnerOf",
             ("City", "Country"): "locatedIn"}
EVENTS = ("StoreOpening", "Acquisition", "Partnership", "Investment", "ProductLaunch", "Appointment")


def _lit(value: object, dtype: str | None = None, lang: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"' + (f"@{lang}" if lang else f"^^<{XSD}{dtype}>" if dtype else "")


def synth_lines(n_articles: int, *, seed: int = 0) -> list[str]:
    """N-Quads lines of a graph of ``n_articles`` articles (about 100 quads each)."""
    return [line for _, lines in synth_articles(n_articles, seed=seed) for line in lines]


def synth_articles(n_articles: int, *, seed: int = 0) -> Iterator[tuple[str, list[str]]]:
    """(article IRI, its N-Quads lines) one article at a time, so a large graph streams."""
    rnd = random.Random(seed)
    n_entities = max(20, n_articles)
    entities = []
    for i in range(n_entities):
        kind, cls, _ = rnd.choices(KINDS, weights=[k[2] for k in KINDS])[0]
        entities.append((f"{ID}{kind}/{cls.lower()}-{i}", cls, f"{cls} {i}"))
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n_entities)]  # Zipf-like: a few hubs
    # the same draws as choices(weights=...), which sums the weights again on every call
    cum_weights = list(itertools.accumulate(weights))
    for a in range(n_articles):
        art = f"{ID}article/synth-{a}"
        g = f"<{art}>"
        day = f"{2018 + a % 8}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        mentioned = sorted(set(rnd.choices(range(n_entities), cum_weights=cum_weights, k=rnd.randint(3, 8))))
        sentence = " ".join(entities[i][2] for i in mentioned) + " met."
        quads = [(art, RDF + "type", f"<{KG}Article>"), (art, SCHEMA + "headline", _lit(f"Synthetic news {a}", lang="en")),
                 (art, SCHEMA + "datePublished", _lit(day, "date")), (art, SCHEMA + "inLanguage", _lit("en"))]
        for j, i in enumerate(mentioned):
            iri, cls, label = entities[i]
            m = f"{ID}mention/synth-{a}/{j}"
            quads += [(art, SCHEMA + "mentions", f"<{iri}>"), (iri, RDF + "type", f"<{KG}{cls}>"),
                      (iri, RDFS + "label", _lit(label, lang="en")),
                      (m, RDF + "type", f"<{KG}Mention>"), (m, KG + "mentionOf", f"<{iri}>"),
                      (m, KG + "inArticle", f"<{art}>"), (m, KG + "text", _lit(label)),
                      (m, KG + "sentence", _lit(sentence))]
        for s, o in zip(mentioned, mentioned[1:]):
            pred = RELATIONS.get((entities[s][1], entities[o][1]))
            if pred and rnd.random() < 0.6:
                st = f"{ID}statement/synth-{a}-{s}-{o}"
                quads += [(entities[s][0], KG + pred, f"<{entities[o][0]}>"), (st, RDF + "type", f"<{RDF}Statement>"),
                          (st, RDF + "subject", f"<{entities[s][0]}>"), (st, RDF + "predicate", f"<{KG}{pred}>"),
                          (st, RDF + "object", f"<{entities[o][0]}>"), (st, PROV + "wasDerivedFrom", f"<{art}>"),
                          (st, KG + "sentence", _lit(sentence))]
        companies = [i for i in mentioned if entities[i][1] == "Company"]
        if companies and rnd.random() < 0.5:
            ev, etype = f"{ID}event/synth-{a}", EVENTS[a % len(EVENTS)]
            quads += [(ev, RDF + "type", f"<{KG}{etype}>"), (ev, KG + "agent", f"<{entities[companies[0]][0]}>"),
                      (ev, KG + "date", _lit(day[:7], "gYearMonth")), (ev, KG + "status", _lit("done")),
                      (ev, RDFS + "label", _lit(f"{etype}: {entities[companies[0]][2]}")),
                      (ev, PROV + "wasDerivedFrom", f"<{art}>"), (ev, KG + "sentence", _lit(sentence))]
            if len(companies) > 1:  # a second company is the target: the overview's captions name both
                quads.append((ev, KG + "target", f"<{entities[companies[1]][0]}>"))
            places = [i for i in mentioned if entities[i][1] in ("City", "Country")]
            if places:
                quads.append((ev, KG + "place", f"<{entities[places[0]][0]}>"))
        yield art, [f"<{s}> <{p}> {o} {g} ." for s, p, o in quads]


def write(n_articles: int, path: Path, *, seed: int = 0) -> Path:
    """Write the synthetic graph as N-Quads to ``path``."""
    path.write_text("\n".join(synth_lines(n_articles, seed=seed)) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("-o", "--out", type=Path, default=Path("/tmp/kg-synth.nq"))
    parser.add_argument("--bench", action="store_true", help="time kg.explore.html.render and kg.explore.analysis.stats")
    args = parser.parse_args(argv)
    write(args.articles, args.out)
    print(f"wrote {args.out}")
    if args.bench:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from kg.explore.analysis import stats
        from kg.query.api import load
        from kg.explore.html import render

        t0 = time.perf_counter()
        store = load(args.out)
        t1 = time.perf_counter()
        report = render(store, args.out.with_suffix(".html"))
        t2 = time.perf_counter()
        s = stats(store)
        t3 = time.perf_counter()
        print(f"{len(store)} quads, {s.counts['entities']} entities, {s.counts['events']} events")
        print(f"load {t1 - t0:.1f} s, render {t2 - t1:.1f} s ({report}), stats {t3 - t2:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
