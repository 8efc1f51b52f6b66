"""Business events (acquisitions, openings and closures, launches, funding, appointments ...) from frames.

| module | owns |
|---|---|
| :mod:`~kg.extract.events.frames` | the frames file ``data/frames/events.tsv``: trigger words per type, their senses, how roles are read |
| :mod:`~kg.extract.events.senses` | the sense of a trigger word: a shop or site that opens, a stake taken, a launched thing |
| :mod:`~kg.extract.events.roles` | the syntactic slots of a trigger (active, passive, nominal, control, relative clauses) |
| :mod:`~kg.extract.events.fillers` | the mentions that fill each role of a frame, from those slots |
| :mod:`~kg.extract.events.modality` | negation and hypotheticals (no event), status: proposed / planned / done / cancelled |
| :mod:`~kg.extract.events.amounts` | money amounts |
| :mod:`~kg.extract.events.detect` | the driver: triggers in the sense their frame requires, roles that fit their types |
"""
from __future__ import annotations

from kg.extract.events.detect import amount, extract_events

__all__ = ["amount", "extract_events"]
