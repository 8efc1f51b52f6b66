"""An event's places are where it happens, not the landmarks the sentence locates them by, nor the places it
is compared with."""
from __future__ import annotations

import pytest

CASES = [
    ("en", "On 2 May 2024, Nordwind Coffee opened its first store in the Westfield Carre Senart shopping "
           "center, southeast of Paris.", {"Westfield Carre Senart"}, {"Paris"}),
    ("en", "Lumen Foods opened a new store in Leeds, a short walk from the Kirkgate Market, on Monday.",
     {"Leeds"}, {"Kirkgate Market"}),
    ("fr", "Le 22 mai, Decathlon a ouvert un nouveau magasin situé rue de Rivoli, à deux pas du centre "
           "commercial Les Halles.",
     {"rue de Rivoli"}, {"Les Halles"}),
    # the only place stays, even if the sentence says "near": it is all the text tells of where
    ("en", "Acme Corp opened a store near Lyon in March 2024.", {"Lyon"}, set()),
    # a place the event is compared with is never its own; "as well as in" adds one
    ("en", "IKEA opened a store in Lyon, just as it did in Nice in 2019.", {"Lyon"}, {"Nice"}),
    ("en", "IKEA opened a store in Lyon, as well as in Nice.", {"Lyon", "Nice"}, set()),
    ("fr", "Décathlon a ouvert un magasin à Lyon, comme à Paris l'an dernier.", {"Lyon"}, {"Paris"}),
]


@pytest.mark.parametrize(("lang", "text", "places", "landmarks"), CASES)
def test_event_places_leave_out_landmarks(extract_text, lang, text, places, landmarks):
    ex = extract_text(text, lang)
    [event] = [e for e in ex.events if e.type == "StoreOpening"]
    got = {ex.mentions[p].text for p in event.places}
    assert places <= got and not landmarks & got, got
