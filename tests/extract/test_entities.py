"""Name mentions: a maker's name followed by a model number names a product. Sentences are invented."""
from __future__ import annotations


def test_maker_and_model_number_is_a_product(extract_text):
    ex = extract_text("Airbus delivered its first A350 to the airline, and Boeing 787-9 jets were grounded.")
    found = {m.text: m.type for m in ex.mentions if m.antecedent is None}
    assert found.get("Boeing 787-9") == "Product", found
    assert found.get("Airbus") == "Company" or found.get("Airbus") == "Organization", found


def test_a_year_after_a_company_name_is_no_model(extract_text):
    ex = extract_text("Orbital Dynamics 2024 results beat forecasts, Orbital Dynamics said.")
    assert not any(m.type == "Product" and "2024" in m.text for m in ex.mentions)
