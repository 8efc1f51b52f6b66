"""An event noun that something is scheduled for ("is scheduled for release in November") is that thing's
event, planned; not an activity named after a preposition. Invented news sentences."""
from __future__ import annotations

import pytest

from tests.extract.events.test_frames import events


@pytest.mark.parametrize("text, agent", [
    ("The new Orbis console is scheduled for release in November.", "Orbis"),
    ('His next film is a Vantor Studios production called "Blue Harbor", which is set for release at Christmas.',
     "Vantor Studios"),
])
def test_scheduled_for_release_is_a_planned_launch(text, agent):
    assert [(e[0], e[1], e[2]) for e in events(text, "en")] == [("ProductLaunch", "planned", agent)]


@pytest.mark.parametrize("text", [
    # a report is no product; a launch after a preposition with nothing scheduling it is an activity
    "The Orbis quarterly report is scheduled for release on Friday.",
    "Sales of the Orbis console have improved since launch.",
])
def test_no_launch(text):
    assert not [e for e in events(text, "en") if e[0] == "ProductLaunch"]
