"""Long articles are parsed in pieces (issue 15, case 6), checked with a small piece size: the pieces
cover the text, start sentences, keep offsets, and the facts equal those of the text parsed whole.
Time and memory on long texts are measured by bench/long_article.py. Sentences are invented news."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import pipelines
from kg.nlp.pipelines import chunk_bounds, get_pipeline, parse, parse_long

NEWS = ("Nordlys Energy opened a battery plant in Aarhus in March 2024. The Danish utility hired 400 people there. "
        "Its chief executive Mette Lund said the U.S. market would come next.\n"
        "Fernway, a grocery chain based in Cork, acquired the bakery group Brennan Foods for 40 million euros. "
        "The Italian retailer Tessaro, which is headquartered in Turin, opened a flagship store in Milan on "
        "12 April 2024.\n")


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline("en")


def test_pieces_cover_the_text_and_each_starts_a_sentence(nlp):
    text = NEWS * 6
    bounds = chunk_bounds(text, nlp, 300)
    assert len(bounds) > 3 and bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(end - start <= 300 for start, end in bounds)
    whole = {s.start_char for s in nlp(text).sents}
    assert {start for start, _ in bounds} <= whole


def test_an_abbreviation_before_a_capital_is_no_cut(nlp):
    text = "Mette Lund said the U.S. Trade Office agreed on Monday with Nordlys Energy."
    # The only stop followed by a capital in the window is that of "U.S.", one token: no sentence starts
    # there, so the window is cut at its last space instead.
    assert chunk_bounds(text, nlp, 40) == [(0, 38), (38, len(text))]
    assert text[38:].startswith("agreed on Monday")


def test_one_line_without_sentences_is_cut_at_spaces(nlp):
    text = "word " * 100
    bounds = chunk_bounds(text, nlp, 42)
    assert all(text[start - 1] == " " for start, _ in bounds[1:])
    assert "".join(text[s:e] for s, e in bounds) == text


def test_long_parse_keeps_text_offsets_sentences_and_entities(nlp):
    text = NEWS * 4
    whole, pieces = nlp(text), parse_long(nlp, text, size=250)
    assert pieces.text == text and len(pieces) == len(whole)
    assert [(s.start_char, s.end_char) for s in pieces.sents] == [(s.start_char, s.end_char) for s in whole.sents]
    ents = {(e.start_char, e.end_char, e.label_) for e in whole.ents}
    assert {(e.start_char, e.end_char, e.label_) for e in pieces.ents} == ents
    assert pieces._.kg_dates == whole._.kg_dates
    assert set(pieces._.kg_types) == set(whole._.kg_types)
    for (start, end) in pieces._.kg_types:  # offsets into the whole text
        assert pieces.char_span(start, end) is not None


def _facts(article, doc) -> set[tuple[str, str, str, int]]:
    """(subject, predicate, object, sentence number): the same sentences in both parses (tested above)."""
    ex = extract(doc, article)
    name = lambda i: ex.mentions[i].text if i is not None else None  # noqa: E731
    return {(name(f.subject), f.predicate, name(f.object) or f.value, f.sentence) for f in ex.facts}


def test_no_fact_of_a_long_article_is_lost_at_the_cuts(monkeypatch):
    *_, article = make_article(NEWS * 3, ident="long", source="long.txt", lang="en")
    [(_, whole)] = list(parse([article]))
    monkeypatch.setattr(pipelines, "CHUNK_CHARS", 300)  # pieces shorter than two sentences of NEWS
    [(_, pieces)] = list(parse([article]))
    assert pieces.text == whole.text
    facts = _facts(article, whole)
    found = {fact[:3] for fact in facts}
    assert {("Fernway", "headquarteredIn", "Cork"), ("Mette Lund", "jobTitle", "chief executive")} <= found
    # Cut at sentence starts, the pieces find the facts of the whole, sentence by sentence (cut at every
    # 300th character, 24 of these 30 facts are lost). Names are typed by a vote of their mentions in each
    # piece, so an article whose names are typed differently in different pieces can differ.
    assert _facts(article, pieces) == facts
