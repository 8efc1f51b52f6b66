"""A plural pronoun that stands for a company: "NVIDIA's big move comes when they introduce new cards"; and
the "its" that stands for a product instead ("the GTX 1080, and maybe even its newer brother").

Business writing often says "they" and "their" of a company ("them" is more often a thing). Most of the time
"they" is people or several firms, so the pronoun is resolved only in the clearest case: its own sentence names
one organisation before it, and no person, no plural noun and no other pronoun it could stand for. "Analysts
expect AMD to say they ..." stays unresolved (an unresolved pronoun is no mention at all).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.types import ORG_TYPES, Mention

#: the plural pronouns read as a company, per language
COMPANY_THEY = {"en": frozenset({"they", "their"})}
#: words before the pronoun that it may stand for instead of the company; a company already called "it"
#: is not "they" in the same sentence ("Amazon is asking itself how it can capture their wallet")
_OTHER_REFERENTS = frozenset({"they", "them", "their", "we", "you", "he", "she", "his", "her", "both", "all",
                              "it", "its", "itself"})


def company_they(doc: Doc, tok: Token, sentence: list[tuple[int, Mention]]) -> int | None:
    """Index of the organisation ``tok`` stands for, among the named mentions of its ``sentence`` (the names
    the model found, before any alias or pronoun points at them); None if its sentence names none, several, or
    anyone else it could stand for.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Contoso said they will open a plant.")
    >>> m = Mention(0, 7, "Contoso", "Company", 0, "ner", 0.9)
    >>> company_they(doc, doc[2], [(0, m)])
    0
    """
    sent = tok.sent
    before = [(i, m) for i, m in sentence if sent.start_char <= m.start and m.end <= tok.idx]
    orgs = {m.text.lower() for _, m in before if m.type in ORG_TYPES}  # "Acme said Acme ...": one organisation
    if len(orgs) != 1 or any(m.type == "Person" for _, m in before):
        return None
    inside = {t.i for _, m in before for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()
              if m.type in ORG_TYPES and t.tag_ != "NNS"}  # "Execs have maintained their": people, though tagged ORG
    if any(t.tag_ in ("NNS", "NNPS") or t.lower_ in _OTHER_REFERENTS
           for t in doc[sent.start: tok.i] if t.i not in inside):
        return None
    return [i for i, m in before if m.type in ORG_TYPES][-1]


def product_its(doc: Doc, tok: Token, tok_mention: dict[int, int], mentions: list[Mention]) -> bool:
    """"its" right after a product named in its own phrase stands for the product, not for a company: "the
    GTX 1080, and maybe even its newer brother", "the Model 3 and its battery" (no verb between them). "Its
    CEO", "its shares" (cue lists ``title``, ``org_part``) are a company's whatever comes before.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Orbis said the Q7 and its battery will ship in May.")
    >>> product_its(doc, doc[5], {3: 0}, [Mention(15, 17, "Q7", "Product", 0, "ner", 0.9)])
    True
    """
    if tok.lower_ != "its":
        return False
    held = tok.head.lemma_.lower()
    if held in lexicon.cues("title", "en") or held in lexicon.cues("org_part", "en") or held in ("share", "stock"):
        return False
    for t in reversed(doc[tok.sent.start: tok.i]):
        if t.pos_ in ("VERB", "AUX"):
            return False
        if t.i in tok_mention:
            return mentions[tok_mention[t.i]].type == "Product"
    return False
