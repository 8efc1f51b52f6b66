"""A bare infinitive the small English tagger reads as a noun after "help", "let" or "make" and a name is a
verb again, with the name before it as subject and the phrase after it as object; the event it states is
read. Invented news sentences."""
from __future__ import annotations

import pytest

from kg.nlp import get_pipeline
from tests.extract.events.test_frames import events


def _verb(text: str, word: str):
    doc = get_pipeline("en")(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, subject, obj", [
    ("The bank helped Orbis Capital finance the German retailer Kaufhof.", "finance", "Capital", "retailer"),
    ("Banks agreed to help Orbis Capital purchase Kaufhof for $3 billion.", "purchase", "Capital", "Kaufhof"),
    ("The deal lets Orbis Capital purchase the German retailer Kaufhof.", "purchase", "Capital", "retailer"),
])
def test_the_bare_verb_has_its_subject_and_object(text, word, subject, obj):
    verb = _verb(text, word)
    assert verb.pos_ == "VERB"
    assert {(c.text, c.dep_) for c in verb.children} >= {(subject, "nsubj"), (obj, "dobj")}


@pytest.mark.parametrize("text, agent, target", [
    # a verb the tagger reads right is left as it is
    ("Lenders agreed to provide $4 billion in loans to help Halcyon Therapeutics purchase the Danish drugmaker "
     "Norlys Pharma.", "Halcyon Therapeutics", "Norlys Pharma"),
    ("Banks agreed to help Orbis Capital purchase Kaufhof for $3 billion.", "Orbis Capital", "Kaufhof"),
])
def test_the_acquisition_is_read(text, agent, target):
    assert [(e[0], e[2], e[3]) for e in events(text, "en")] == [("Acquisition", agent, target)]


@pytest.mark.parametrize("text, word", [
    # a noun between two names that is no verb of cue list bare_verb: "Alphabet, Google's parent"
    ("The ruling will help Google parent Alphabet in Europe.", "parent"),
    # no verb of causing before the name: a purchase agreement, no purchase
    ("The Thermo Fisher purchase agreement was signed on Monday.", "purchase"),
])
def test_left_as_parsed(text, word):
    assert _verb(text, word).pos_ == "NOUN"
