"""The text the models read: the article's text with its noise masked and its title-case headings folded.

A title-case English heading ("Boeing Wins Contract to Build DARPA Space Plane") reads to the small model as
one long name: "Wins" and "Contract" are tagged proper nouns and the heading has no verb, so the headline's
event, often the article's main news, is lost. The words of business news and the function words of such a
heading (cue list ``heading_folded``) are written in lower case in the text the
models read. Only the case changes, so every offset still points into the article's text, as with the
masked noise; the names the mentions carry are cut from the article's own text.
"""
from __future__ import annotations

import re

from kg import lexicon
from kg.ingest.article import masked_text
from kg.types import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_IN_PROSE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+\b")


def folded_words(lang: str) -> frozenset[str]:
    """The words a title-case heading of ``lang`` is read with in lower case (cue list ``heading_folded``)."""
    return lexicon.cues("heading_folded", lang)


def model_text(article: Article) -> str:
    """:func:`~kg.ingest.masked_text` with the title-case headings of an English article folded.

    Examples
    --------
    >>> from kg.ingest import make_article
    >>> *_, art = make_article("Boeing Wins Contract to Build Space Plane\\nBoeing won it on Monday.",
    ...                        ident="a", source="a.txt", lang="en")
    >>> model_text(art).splitlines()[0]
    'Boeing wins contract to build Space Plane'
    """
    text = masked_text(article)
    return fold_headings(text, article.lang) if article.lang == "en" else text


def fold_headings(text: str, lang: str) -> str:
    """``text`` with the folded words of its title-case lines in lower case (same length)."""
    folded, out = folded_words(lang), []
    starts = lexicon.cues("heading_name_start", lang)
    lines = [(line, list(_WORD.finditer(line))) for line in text.splitlines(keepends=True)]
    heads = [_title_case(line, words) for line, words in lines]
    if not any(heads):
        return text
    # the words the prose capitalises after a lower-case word: names there ("shares of Target fell")
    named = set(_IN_PROSE.findall("".join(line for (line, _), head in zip(lines, heads) if not head)))
    for (line, words), head in zip(lines, heads):
        if head:
            chars = list(line)
            for k, m in enumerate(words[1:], 1):  # the first word is the heading's subject, often a name
                w = m.group()
                if not (w[0].isupper() and w[1:].islower()) or w.lower() not in folded or w in named:
                    continue
                nxt = words[k + 1].group() if k + 1 < len(words) else ""
                if w.lower() in starts and nxt[:1].isupper() and nxt.lower() not in folded:
                    continue  # "New York Times", "Will Smith"
                chars[m.start()] = w[0].lower()
            line = "".join(chars)
        out.append(line)
    return "".join(out)


def mostly_capitalised(words: list[str], *, least: int) -> bool:
    """At least ``least`` words, and 70% of them or more capitalised: the words of a title-case heading."""
    return len(words) >= least and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _title_case(line: str, words: list[re.Match]) -> bool:
    """A heading: three words of four letters or more, most of them capitalised, and no full stop at its end."""
    return mostly_capitalised([m.group() for m in words if len(m.group()) > 3], least=3) \
        and not line.rstrip().endswith((".", "?", "!"))
