"""Money amounts stated with an event ("raised $2.5 billion", "lever 41 millions d'euros")."""
from __future__ import annotations

import re

MONEY = re.compile(
    r"(?P<cur1>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<mult>milliards?|billions?|millions?|bn|mn|m|k)?\s*"
    r"(?:d[e'’]\s*)?(?P<cur2>euros?|dollars?|livres?|pounds?|EUR|USD|GBP|€|\$|£)?", re.I)
CURRENCY = {"$": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euro": "EUR", "eur": "EUR",
            "£": "GBP", "pound": "GBP", "livre": "GBP", "gbp": "GBP"}
MULT = {"k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "milliard": 1e9}



def amount(text: str) -> tuple[float, str] | None:
    """The first money amount in ``text``, as (value, ISO 4217 currency).

    Examples
    --------
    >>> amount("vient de lever 41 millions d’euros")
    (41000000.0, 'EUR')
    >>> amount("raised $2.5 billion")
    (2500000000.0, 'USD')
    """
    for m in MONEY.finditer(text):
        cur = m["cur1"] or m["cur2"]
        if not cur:
            continue
        value = float(m["num"].replace(",", "."))
        mult = (m["mult"] or "").lower().rstrip("s")
        return value * MULT.get(mult, 1.0), CURRENCY[cur.lower().rstrip("s")]
    return None
