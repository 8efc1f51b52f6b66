"""The whole-graph dumps of a build output (``graph.trig``, ``graph.ttl``, ``graph.html``): which to write,
and whether each one still shows the store.

Rewriting a dump costs time in the size of the whole store, so a feed's ``kg add`` never does it
unprompted. Instead every dump written into a build output is stamped, in ``report.json``, with the
store's state (:func:`kg.store.counts.state`, which every article write changes); a dump whose stamp is
not the store's state is *stale*, and the summary and ``report.json`` say so until it is rewritten
(``--export``, ``kg export``, ``kg viz``).

Examples
--------
>>> parse_exports("trig,html")
('trig', 'html')
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from kg.errors import OptionError
from kg.store.counts import state
from kg.store.files import atomic_path

#: export name (``--export``) -> file of the build output
DUMPS = {"trig": "graph.trig", "ttl": "graph.ttl", "html": "graph.html"}
#: ``kg build`` without ``--export`` writes the dumps while the store holds at most this many triples
#: (about 900 bench documents: 1.15 s for the three dumps at 66,000 triples, so ~3.5 s): above, on request
AUTO_EXPORT_TRIPLES = 200_000
REPORT = "report.json"
#: ``kg export``/``kg viz`` format -> the dump it can refresh
_FORMATS = {"trig": "graph.trig", "turtle": "graph.ttl", "html": "graph.html"}


def parse_exports(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"trig,ttl"`` (or a list, ``"all"``, ``"none"``) -> validated export names, in the order given."""
    if value is None:
        return ()
    items = [v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v.strip()]
    if items in (["all"], ["none"]):
        return tuple(DUMPS) if items == ["all"] else ()
    wrong = [v for v in items if v not in DUMPS]
    if wrong:
        raise OptionError(f"unknown export {wrong[0]!r}; valid: {', '.join(DUMPS)}, all or none")
    return tuple(dict.fromkeys(items))


def stamps(out: str | Path) -> dict[str, str]:
    """The store state each dump of ``out`` was written at, as recorded in its ``report.json``."""
    try:
        data = json.loads((Path(out) / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = data.get("export_states") if isinstance(data, dict) else None
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}


def statuses(out: str | Path, marks: dict[str, str], current: str | None) -> dict[str, str]:
    """``{file: "current" | "stale"}`` for every dump present in ``out`` (unstamped ones are stale)."""
    out = Path(out)
    return {name: "current" if current is not None and marks.get(name) == current else "stale"
            for name in sorted(DUMPS.values()) if (out / name).is_file()}


def note_export(out: str | Path, written: str | Path, store: object) -> bool:
    """After a dump was rewritten at ``written``: if it is one of build output ``out``'s own dumps,
    stamp it current in ``report.json``. True if it was one."""
    out, written = Path(out), Path(written)
    report = out / REPORT
    own = written.name in DUMPS.values() and written.resolve() == (out / written.name).resolve()
    if not own or not report.is_file():
        return False
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except ValueError:
        return False
    current = state(store)
    data["export_states"] = (data.get("export_states") or {}) | ({written.name: current} if current else {})
    data["exports"] = statuses(out, data["export_states"], current)
    with atomic_path(report) as tmp:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def stale_exports(location: str | Path) -> list[str]:
    """The dumps of build output ``location`` that its report.json lists as stale."""
    try:
        data = json.loads((Path(str(location)) / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(name for name, status in (data.get("exports") or {}).items() if status == "stale")


def exported(graph: str | Path, written: str | Path, fmt: str) -> None:
    """Stamp ``written`` current in build output ``graph``'s report.json when it is that output's own
    dump in its own format (``kg export`` or ``kg viz`` into the output refresh it)."""
    from kg.store.core import open_store

    path = Path(str(graph))
    if (path / "store").is_dir() and _FORMATS.get(fmt) == Path(str(written)).name:
        with open_store(path, read_only=True) as store:
            note_export(path, written, store)
