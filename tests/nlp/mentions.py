"""Shared by the typing tests: the type of each entity mention the real pipeline finds in a text."""
from __future__ import annotations

from kg.extract.entities import entity_mentions, sentences
from kg.ingest import make_article


def mention_types(nlp, text: str, lang: str = "en") -> dict[str, str]:
    """Mention text -> type, for ``text`` parsed by ``nlp`` as an article in ``lang``."""
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    doc = nlp(art.text)
    return {m.text: m.type for m in entity_mentions(doc, art, sentences(doc, art))}
