"""Typed literals of the model: dates by precision, canonical decimals, job titles."""
from __future__ import annotations

import functools
import re
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD

_DATE_TYPES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
               (re.compile(r"^\d{4}$"), XSD.gYear))


def date_literal(value: str | None, lang: str = "") -> Literal | None:
    """An ISO date as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by precision; None if not ISO.

    Examples
    --------
    >>> date_literal("2018-05").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    >>> date_literal("next spring") is None
    True
    """
    for pattern, datatype in _DATE_TYPES:
        if value and pattern.match(value):
            return Literal(value, datatype=datatype)
    return None


def title_literal(value: str, lang: str) -> Literal | None:
    """A job title as written (whitespace collapsed), tagged with the article language; None if empty.

    Examples
    --------
    >>> title_literal("  Senior Vice\\nPresident ", "fr")
    rdflib.term.Literal('Senior Vice President', lang='fr')
    """
    value = " ".join(value.split())
    return Literal(value, lang=lang or None) if value else None


def decimal_literal(value: float, *, digits: int = 6) -> Literal:
    """A float as an ``xsd:decimal`` in canonical form (no trailing zeros: what Oxigraph stores).

    Examples
    --------
    >>> str(decimal_literal(0.85)), str(decimal_literal(46.0)), str(decimal_literal(15.8e9))
    ('0.85', '46', '15800000000')
    """
    return Literal(canonical_decimal(Decimal(repr(round(float(value), digits)))), datatype=XSD.decimal)


def canonical_decimal(number: Decimal) -> str:
    """Lexical form of a decimal without exponent or trailing zeros.

    Examples
    --------
    >>> canonical_decimal(Decimal("1.50")), canonical_decimal(Decimal("1.58E+10")), canonical_decimal(Decimal("-0.0"))
    ('1.5', '15800000000', '0')
    """
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def ox_literal(literal: Literal) -> ox.Literal:
    """The same literal as a ``pyoxigraph.Literal`` (lexical form, language and datatype kept).

    Examples
    --------
    >>> ox_literal(title_literal("CEO", "en"))
    <Literal value=CEO language=en>
    """
    if literal.language:
        return ox.Literal(str(literal), language=literal.language)
    if literal.datatype:
        return ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype)))
    return ox.Literal(str(literal))


@functools.lru_cache(maxsize=4096)  # confidences repeat a handful of values over a whole corpus
def ox_decimal(value: float, *, digits: int = 6) -> ox.Literal:
    """:func:`decimal_literal` as a ``pyoxigraph.Literal``.

    Examples
    --------
    >>> ox_decimal(0.85).value
    '0.85'
    """
    return ox_literal(decimal_literal(value, digits=digits))


_XSD_INTEGER = ox.NamedNode(str(XSD.integer))


def ox_integer(value: int) -> ox.Literal:
    """An ``xsd:integer`` literal, as ``rdflib.Literal(value)`` writes it.

    Examples
    --------
    >>> ox_integer(42).value
    '42'
    """
    return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)
