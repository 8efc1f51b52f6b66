"""A unit its owner names ("X's Canadian unit") is the doer of its clause: it acts for its owner, and no
organisation of an earlier sentence is guessed in its place. Every sentence is invented."""
from __future__ import annotations


def test_a_unit_is_no_reason_to_credit_the_previous_sentence(named_events):
    # the model takes the owner for a person here: no organisation doer, and none from the sentence before
    found = named_events("The Green Party opposes the pipeline. Kinder Morgan's Canadian unit expects to close an "
                         "IPO of 102.9 million shares by May 31.")
    assert not [e for e in found if e[0] == "IPO" and e[2] in ("Green Party", "The Green Party")], found


def test_a_unit_acts_for_the_organisation_that_owns_it(named_events):
    found = named_events("Halvern Corp reported earnings. Orbis's cloud unit opened a data centre in Dublin on Monday.")
    assert [(e[0], e[2]) for e in found] == [("FacilityOpening", "Orbis")]
