"""Jobs cut in the passive with no by-phrase ("600 workers were laid off in July, after X halted production")
are cut by the organisation the sentence names nearest the trigger, not by one that only qualifies a person
or a title ("Z analyst Jane Roe said ..."); on invented news sentences."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def layoffs(text: str) -> list[str | None]:
    *_, art = make_article(text, ident="t", source="t.txt", lang="en")
    ex = extract(get_pipeline("en")(art.text), art)
    return [None if e.agent is None else ex.mentions[e.agent].text for e in ex.events if e.type == "Layoff"]


@pytest.mark.parametrize("text", [
    "Six hundred workers at the Ingersoll assembly plant were laid off in July, after Norvik halted production "
    "of its Terra SUV.",
    "Norvik said 300 workers were laid off at the plant.",
    "About 1,400 jobs will be cut, Norvik said on Monday.",
])
def test_the_employer_of_a_passive_layoff_is_the_organisation_named(text):
    assert layoffs(text) == ["Norvik"]


@pytest.mark.parametrize("text", [
    "Brantel analyst Jane Roe said 500 jobs were cut at the mill.",
    "Norvik's chief executive said 300 jobs were cut.",
])
def test_a_firm_that_only_qualifies_a_person_or_a_title_is_no_employer(text):
    assert layoffs(text) == []
