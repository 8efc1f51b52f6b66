"""Entity audit: duplicate-pair hints on invented names, split names, the seeded sample, judgements."""
from types import SimpleNamespace

import pytest

from kg.errors import KGError
from kg.eval.entity_audit import EntityStats, duplicate_reason, split_names
from kg.eval.entity_typing import is_ok, judged_rows, read_judgements, sample


@pytest.mark.parametrize(("a", "b", "reason"), [
    ("Northwind Trading Company", "NTC", "acronym"),
    ("Castlerock Software Inc.", "Castlerock Software", "& / possessive / legal-form variant"),
    ("Baxter & Lowe", "Baxter and Lowe", "& / possessive / legal-form variant"),
    ("Fjällräven Bikes", "Fjallraven Bikes", "same folded name"),
    ("Northwind's", "Northwind", "& / possessive / legal-form variant"),
    ("Castlerock", "Castlerock Software Labs", "short form"),
    ("Northwind", "Castlerock", None),
    ("Orla-Mart", "OrlaMart", "spacing / hyphen variant"),
    ("Orla", "Orla", "same folded name"),
    ("NTC", "Northwind Castle", None),
])
def test_duplicate_reason(a, b, reason):
    assert duplicate_reason(a, b) == reason
    assert duplicate_reason(b, a) == reason


def _stats(key, type_, *forms):
    return EntityStats(key, forms[0], type_, len(forms), tuple((f, 1) for f in forms), ("d", 0, 1))


def test_split_names_counts_one_name_with_two_types():
    stats = [_stats("organization/orla", "Company", "Orla"), _stats("person/orla", "Person", "ORLA"),
             _stats("place/kent", "Place", "Kent")]
    assert split_names(stats) == {"orla": ("Company", "Person")}


def test_sample_is_stable_when_other_entities_come_and_go():
    many = [SimpleNamespace(key=f"organization/e{i}") for i in range(300)]
    chosen = {e.key for e in sample(many, 20)}
    fewer = [e for e in many if e.key in chosen or int(e.key[14:]) % 2]
    assert {e.key for e in sample(fewer, 20)} == chosen


def test_judgements_score_the_current_type(tmp_path):
    (tmp_path / "entity_typing_x.tsv").write_text(
        "key\tlabel\tpredicted_type\tcontext\tjudged_type\tok\n"
        "organization/orla\tOrla\tOrganization\td:0-5\tCompany\t1\n"
        "person/kent\tKent\tPerson\td:0-5\tCity\t0\n"
        "person/gone\tGone\tPerson\td:0-5\tPerson\t1\n", encoding="utf-8")
    chosen = [SimpleNamespace(key="organization/orla", type="Organization"),
              SimpleNamespace(key="person/kent", type="Person"), SimpleNamespace(key="place/new", type="Place")]
    rows, notes = judged_rows("x", chosen, gold_dir=tmp_path)
    total = next(r for r in rows if r.label == "typing (judged)")
    assert (total.tp, total.fp) == (1, 1)
    assert any("need a judgement (1): place/new" in n for n in notes)
    assert any("no longer in the sample (1): person/gone" in n for n in notes)


def test_bad_judged_type_is_a_user_error(tmp_path):
    path = tmp_path / "entity_typing_x.tsv"
    path.write_text("key\tlabel\tpredicted_type\tcontext\tjudged_type\tok\nk\tK\tPerson\td:0-1\tHuman\t0\n")
    with pytest.raises(KGError, match="Human"):
        read_judgements(path)


def test_parent_class_is_ok():
    assert is_ok("Place", "City") and not is_ok("City", "Place") and not is_ok("Company", "none")
