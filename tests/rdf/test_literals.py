"""kg/rdf/literals.py: the pyoxigraph literals the build writes are the ones rdflib's would convert to."""
from __future__ import annotations

import pytest
from rdflib import Literal

from kg.rdf.literals import date_literal, decimal_literal, ox_decimal, ox_integer, ox_literal, title_literal
from kg.store import to_ox


@pytest.mark.parametrize("literal", [
    date_literal("2018-05-22"), date_literal("2027-03"), date_literal("2027"),
    title_literal("Directrice  générale\nadjointe", "fr"), title_literal("CEO", "en"),
    Literal("« C’est une étape importante », a déclaré Bernard Arnault.\nParis"), Literal('quote " and \\ slash'),
])
def test_ox_literal_equals_the_store_conversion(literal):
    assert ox_literal(literal) == to_ox(literal)


@pytest.mark.parametrize("value, digits", [(0.85, 4), (46.0, 6), (15.8e9, 2), (-0.0, 4), (48.8566, 6), (1 / 3, 4)])
def test_ox_decimal_equals_the_store_conversion(value, digits):
    assert ox_decimal(value, digits=digits) == to_ox(decimal_literal(value, digits=digits))


@pytest.mark.parametrize("value", [0, 7, 2532, 10**12])
def test_ox_integer_is_rdflib_integer(value):
    assert ox_integer(value) == to_ox(Literal(value))
