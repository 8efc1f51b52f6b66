"""Business events (acquisitions, openings, launches, appointments ...) from trigger words.

:mod:`kg.extract.events.detect` finds triggers listed in ``data/gazetteers/event_triggers.tsv`` and
fills each event's roles from the mentions of its sentence.
"""
from __future__ import annotations

from kg.extract.events.detect import amount, extract_events

__all__ = ["amount", "extract_events"]
