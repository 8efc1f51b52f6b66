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
