"""Where an event happens: the places of its sentence, without the landmarks that only locate them and
the places it is compared with (cue lists ``proximity`` and ``comparison``)."""
from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.cues import doc_text
from kg.types import Mention

PLACES = ("Place", "Country", "City", "Region", "Facility")


def event_places(doc, lang: str, sent_ms) -> tuple[int, ...]:
    """The sentence's places, without landmarks it only locates them by ("the Créteil Soleil centre,
    southeast of Paris", "à deux pas du centre commercial Les Halles") when another place remains."""
    text = doc_text(doc)
    near, like = lexicon.cues("proximity", lang), lexicon.cues("comparison", lang)

    def after(m: Mention, cues) -> bool:
        # a cue phrase ("southeast of", "just as they do in") earlier in the same clause
        clause = re.split(r"[,;.()]", text[max(0, m.start - 60): m.start].lower().replace("’", "'"))[-1]
        words = clause.split()
        return any(" ".join(words[a:b]) in cues for a in range(len(words))
                   for b in range(a + 1, min(len(words), a + 6) + 1))

    # a place it is compared with is never the event's ("... in Europe, just as they do in China")
    places = [(i, m) for i, m in sent_ms if m.type in PLACES and not after(m, like)]
    kept = [i for i, m in places if not after(m, near)]
    return tuple(kept or [i for i, _ in places])
