"""Fixtures of the extraction tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extract_text():
    """``extract_text(text, lang="en", published=None) -> Extraction``: a text through the real stages."""
    from kg.extract import extract
    from kg.ingest import make_article
    from kg.nlp import parse

    def run(text: str, lang: str = "en", published: str | None = None):
        *_, art = make_article(text, ident="t", source="t.txt", lang=lang, published=published)
        article, doc = next(parse([art]))
        return extract(doc, article)

    return run


@pytest.fixture(scope="session")
def named_events(extract_text):
    """``named_events(text, lang="en", published=None) -> list[tuple]``: each event of the text as (type,
    status, agent, target, amount), the roles as the text of their mention."""
    def run(text: str, lang: str = "en", published: str | None = None) -> list[tuple]:
        ex = extract_text(text, lang, published)
        ms = ex.mentions

        def name(i):
            return None if i is None else ms[i].text

        return [(e.type, e.status, name(e.agent), name(e.target), e.amount) for e in ex.events]

    return run

