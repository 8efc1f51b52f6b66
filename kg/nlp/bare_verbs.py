"""Bare infinitives the small English tagger reads as nouns: "to help Thermo Fisher purchase Patheon".

After a verb of causing ("help", "let", "make") and a name, the next word is a verb in its bare form. The
small model often tags it a noun instead ("purchase", "launch", "release", "sign") and makes the two names
around it one long compound ("Thermo Fisher purchase Dutch drugmaker Patheon NV"), so no buyer and no
bought company can be read. The ``kg_bare_verbs`` component restores the reading: the word is a verb, the
name before it its subject, the noun phrase after it its object. Only the words of cue list ``bare_verb``
(verbs that are rarely a noun between two names) after a verb of cue list ``causing_verb``; "help Apple
rival Samsung" is left as it is.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg import lexicon

#: the entity labels that can do what the bare verb says
_DOERS = ("ORG", "PERSON")


def _object(verb: Token) -> Token | None:
    """The noun phrase after ``verb`` that the parser hung elsewhere or on it: the compound chain's head
    ("purchase [Dutch drugmaker Patheon] NV") or the verb's own object or apposition."""
    if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return next((c for c in verb.rights if c.dep_ in ("dobj", "appos") and c.pos_ in ("NOUN", "PROPN")), None)


def _repair(cause: Token, subject: Token, verb: Token, obj: Token) -> None:
    heads = {t.i: t.head.i for t in verb.sent}
    if verb.head == obj:  # "purchase" was a compound on the object: the object now hangs on the verb
        heads[verb.i] = obj.head.i if obj.head != obj else cause.i
        heads[obj.i] = verb.i
    elif verb.head != cause and verb.head != verb:
        heads[verb.i] = cause.i
    heads[subject.i] = verb.i
    if _cyclic(heads):  # an odd parse where the new heads would loop: left as it is
        return
    for i in (verb.i, obj.i, subject.i):
        verb.doc[i].head = verb.doc[heads[i]]
    verb.dep_, verb.pos_, verb.tag_ = "ccomp", "VERB", "VB"
    obj.dep_, subject.dep_ = "dobj", "nsubj"


def _cyclic(heads: dict[int, int]) -> bool:
    """Some token is its own ancestor under ``heads`` (token -> head; the root is its own head).

    Examples
    --------
    >>> _cyclic({0: 1, 1: 1, 2: 1}), _cyclic({0: 2, 1: 0, 2: 1, 3: 3})
    (False, True)
    """
    for start in heads:
        seen, i = {start}, heads[start]
        while heads.get(i, i) != i:
            if i in seen:
                return True
            seen.add(i)
            i = heads[i]
    return False


@Language.component("kg_bare_verbs")
def bare_verbs(doc: Doc) -> Doc:
    """Re-read as a verb each word of cue list ``bare_verb`` tagged a noun after a causing verb and a name.

    Examples
    --------
    >>> from kg.nlp import get_pipeline
    >>> doc = get_pipeline("en")("Banks agreed to help Orbis Capital purchase Kaufhof for $3 billion.")
    >>> verb = doc[6]
    >>> verb.text, verb.pos_, sorted((c.text, c.dep_) for c in verb.children if c.dep_ in ("nsubj", "dobj"))
    ('purchase', 'VERB', [('Capital', 'nsubj'), ('Kaufhof', 'dobj')])
    """
    words = lexicon.cues("bare_verb", doc.lang_)
    if not words:
        return doc
    causing = lexicon.cues("causing_verb", doc.lang_)
    for ent in doc.ents:
        if ent.label_ not in _DOERS or ent.start == 0 or ent.end >= len(doc):
            continue
        cause, verb = doc[ent.start - 1], doc[ent.end]
        if (verb.lower_ not in words or verb.pos_ not in ("NOUN", "PROPN") or verb.ent_type_
                or cause.lemma_.lower() not in causing or cause.pos_ != "VERB"):
            continue
        obj, subject = _object(verb), doc[ent.end - 1]
        if obj is None or subject.head not in (verb, cause):
            continue
        for word in ent[:-1]:  # "Orbis" of "Orbis Capital" hung on the object: the name is one phrase again
            if not ent.start <= word.head.i < ent.end:
                word.head, word.dep_ = subject, "compound"
        _repair(cause, subject, verb, obj)
    return doc
