"""Contracts told as a client engaging a supplier, on invented news sentences: "X has hired Y to build ...",
"X tapped Y to manage ...", "Y was selected by X to build ..." make a Partnership between two organisations
(frames row with requires ``engaged``, cue list ``commissioned_work``); a person hired, a forecast, a firm no
name covers, or a town the parser took for the client make none."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def events(text: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[ms[i].antecedent if ms[i].antecedent is not None else i].text

    return [(e.type, art.text[e.trigger_start:e.trigger_end], name(e.agent), name(e.target)) for e in ex.events]


@pytest.mark.parametrize("text, expected", [
    ("General Motors has hired IBM to run its data centers.", ("Partnership", "hired", "General Motors", "IBM")),
    ("Ford has tapped Microsoft to manage its cloud services.", ("Partnership", "tapped", "Ford", "Microsoft")),
    ("Exxon has chosen Siemens to supply turbines for its plant.", ("Partnership", "chosen", "Exxon", "Siemens")),
    ("Boeing was selected by the Pentagon to build a new tanker.", ("Partnership", "selected", "Pentagon", "Boeing")),
])
def test_a_client_engages_a_supplier(text, expected):
    assert events(text) == [expected]


@pytest.mark.parametrize("text", [
    "Analysts picked Nvidia to beat estimates.",  # a forecast, no work
    "Ford hired a consultant to review its plants.",  # nobody named is hired
    "Boeing has been selected to build a new tanker.",  # nobody named selects
    # the parser makes the town the subject of the firm based there
    "The Menlo Park, California-based firm has hired Morgan Stanley to help raise more money.",
])
def test_no_contract(text):
    assert [e for e in events(text) if e[0] == "Partnership"] == []


def test_a_person_hired_is_an_appointment():
    assert events("Apple hired Jane Roe to run its car unit.") == [("Appointment", "hired", "Jane Roe", "Apple")]
