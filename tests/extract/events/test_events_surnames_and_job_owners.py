"""People moves, deals and job cuts the parse reaches only one step further, on invented news sentences: a
person named again by the surname alone ("Vaugirard, 49, resigned"), jobs counted as a share ("sheds one in
10 salaried jobs"), the employer as the owner of the workforce cut ("10 per cent of X's workforce"), an
object pronoun that is not its verb's subject ("X bought it"), a person installed or brought in; and what
stays no event."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def events(text: str, kind: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    ms = ex.mentions

    def name(i):
        return None if i is None else ms[ms[i].antecedent if ms[i].antecedent is not None else i].text

    return [(art.text[e.trigger_start:e.trigger_end], name(e.agent), e.amount) for e in ex.events if e.type == kind]


def test_a_surname_alone_names_the_person_named_in_full_before():
    text = "Northwind Corp. appointed Thierry Vaugirard as finance chief in 2019. Vaugirard, 49, resigned on Friday."
    assert events(text, "Departure") == [("resigned", "Vaugirard", None)]


@pytest.mark.parametrize("text, expected", [
    # a share of the jobs: the "in" phrase hangs on the verb; "10" counts no jobs cut
    ("Northwind Corp. risks a clash with the unions as it sheds one in 10 salaried jobs in Europe.",
     ("sheds", "Northwind Corp.", None)),
    # the employer owns the workforce cut
    ("The move to cut about 10 per cent of Northwind Corp.'s salaried workforce in Asia is part of a plan.",
     ("cut", "Northwind Corp.", None)),
])
def test_jobs_reached_one_step_further(text, expected):
    assert events(text, "Layoff") == [expected]


@pytest.mark.parametrize("text", [
    "The move to cut about 10 per cent of Northwind Corp.'s costs in Asia is part of a plan.",
    "Northwind Corp. will sell one in 10 stores in Europe.",
    "Northwind Corp. risks a clash with the unions as it sheds one in 10 of its brands in Europe.",
])
def test_no_jobs_no_layoff(text):
    assert events(text, "Layoff") == []


def test_an_object_pronoun_is_not_its_own_verbs_subject():
    # "Northwind Corp. bought it": "it" is the company named before, never the buyer itself
    text = "Fabrikam Inc. makes self-driving trucks. Northwind Corp. bought it in August 2016 for 680 million dollars."
    assert [(t, a) for t, a, _ in events(text, "Acquisition")] == [("bought", "Northwind Corp.")]
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    (event,) = [e for e in ex.events if e.type == "Acquisition"]
    target = ex.mentions[event.target]
    assert (target.text, ex.mentions[target.antecedent].text) == ("it", "Fabrikam Inc.")


@pytest.mark.parametrize("text, expected", [
    ("In May, Northwind Corp.'s board ousted Jane Roe and installed Tom Baxter, the former head of Fabrikam Inc.",
     ("installed", "Tom Baxter", None)),
    ("Northwind Corp. brought in Jane Roe as chief executive in 2019.", ("brought in", "Jane Roe", None)),
    ("Northwind Corp. recruited Jane Roe from Fabrikam Inc. last year.", ("recruited", "Jane Roe", None)),
])
def test_a_person_installed_or_brought_in_is_appointed(text, expected):
    assert events(text, "Appointment") == [expected]


@pytest.mark.parametrize("text", [
    "Northwind Corp. installed new software at its plants.",
    "Northwind Corp. brought in $3 billion in revenue last year.",
    "Northwind Corp. brought back its old logo.",
    "Jane Roe brought in new investors at Northwind Corp.",
    # a name on another noun only qualifies it: designs are brought in, not their designer
    "Northwind Corp. wants to bring in more Jane Roe designs for its stores.",
])
def test_things_installed_or_brought_in_are_no_appointment(text):
    assert events(text, "Appointment") == []
