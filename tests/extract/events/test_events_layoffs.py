"""Job cuts as events (kg:Layoff) on invented news sentences, English and French: a company cuts jobs,
not costs, forecasts or taxes; the number of jobs is the event's amount."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article
from kg.nlp import get_pipeline


def layoffs(text: str, lang: str) -> list[tuple]:
    *_, art = make_article(text, ident="t", source="t.txt", lang=lang)
    ex = extract(get_pipeline(lang)(art.text), art)
    ms = ex.mentions
    return [(e.status, ms[e.agent].text, e.amount, e.currency) for e in ex.events if e.type == "Layoff"]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Northwind Corp. will cut 1,400 jobs in Ohio.", ("planned", "Northwind Corp.", 1400.0, None)),
    ("en", "Fabrikam Inc. cut 300 jobs at its Leeds plant last year.", ("done", "Fabrikam Inc.", 300.0, None)),
    ("en", "Northwind Corp. to cut 300 jobs in Ohio", ("planned", "Northwind Corp.", 300.0, None)),
    ("en", "Fabrikam Inc. laid off 250 workers in March.", ("done", "Fabrikam Inc.", 250.0, None)),
    ("en", "Northwind Corp. is eliminating 90 management positions.", ("done", "Northwind Corp.", 90.0, None)),
    ("en", "Northwind Corp. announced layoffs at its Denver office.", ("done", "Northwind Corp.", None, None)),
    ("fr", "Le groupe Northwind va supprimer 300 postes en France.", ("planned", "Northwind", 300.0, None)),
    ("fr", "Fabrikam a licencié 120 salariés à Lyon.", ("done", "Fabrikam", 120.0, None)),
])
def test_a_company_cutting_jobs_is_a_layoff(lang, text, expected):
    assert layoffs(text, lang) == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Northwind Corp. will cut costs by $3 billion this year."),
    ("en", "Fabrikam Inc. cut its sales forecast for 2025."),
    ("en", "Northwind Corp. slashed prices on its laptops in March."),
    ("en", "Northwind Corp. will not cut jobs in Ohio."),
    ("fr", "Le groupe Northwind va supprimer une taxe sur les livraisons."),
    ("fr", "Fabrikam a réduit ses coûts de 10 % en 2024."),
])
def test_cutting_anything_but_jobs_is_no_layoff(lang, text):
    assert layoffs(text, lang) == []
