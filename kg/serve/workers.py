"""The query workers of ``kg serve``: child processes that each hold a read-only view of the store.

A worker answers one query at a time and serialises the result in the format the ``Accept`` header
asks for (pyoxigraph's serialisers); the server kills and replaces a worker whose query overruns its
deadline, which a thread could not be. Each worker's address space is capped (``RLIMIT_AS``): a query
that needs more dies alone, and the server answers 503 naming the limit.

Examples
--------
>>> store = open_store("tests/data/small.trig")
>>> execute(store, "ASK { ?c a kg:Company }", "application/json", 10)[2]
b'{"head":{},"boolean":true}'
"""
from __future__ import annotations

import json
import multiprocessing
import multiprocessing.forkserver
import os
import threading
from collections.abc import Collection
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError, OptionError
from kg.query.killable import cap_memory, die_with_parent, uncapped
from kg.store import Store, open_store

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TEXT = "text/plain; charset=utf-8"
#: media type -> pyoxigraph format, for SELECT and ASK results (first one is the default)
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON, "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML, "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: media type -> pyoxigraph format, for CONSTRUCT and DESCRIBE results (first one is the default)
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _negotiate(accept: str, formats: dict[str, Any]) -> str | None:
    """The best media type of ``formats`` for an Accept header (q-values honoured), None if none fits."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        media = fields[0].lower()
        if q <= 0:
            continue
        candidates = list(formats) if media in ("*/*", "") else [m for m in formats if m == media or (
            media.endswith("/*") and m.startswith(media[:-1]))]
        if candidates and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, candidates[0])
    return best[2] if best else None


def execute(store: Store, query: str, accept: str, limit: int,
            allow_service: Collection[str] = ()) -> tuple[int, str, bytes, bool]:
    """Run one query; return (HTTP status, content type, body, truncated). Errors come back as 4xx text.

    ``allow_service``: the hosts a ``SERVICE`` clause may call (none by default).

    Examples
    --------
    >>> store = open_store("tests/data/small.trig")
    >>> status, ctype, body, truncated = execute(store, "SELECT ?p WHERE { ?p a kg:Person }", "text/csv", 1)
    >>> status, ctype, body.decode().splitlines()[0], truncated
    (200, 'text/csv; charset=utf-8', 'p', True)
    >>> execute(store, "SELECT ?p WHERE { ?p a }", "text/csv", 1)[0]
    400
    """
    try:
        result = store.query(query, allow_service=allow_service)
    except KGError as error:
        return 400, TEXT, f"{error}\n".encode(), False
    formats = GRAPH_FORMATS if not hasattr(result, "variables") and not isinstance(result, ox.QueryBoolean) \
        else RESULT_FORMATS
    media = _negotiate(accept, formats)
    if media is None:
        valid = ", ".join(formats)
        return 406, TEXT, f"cannot answer in {accept!r}; valid: {valid}\n".encode(), False
    fmt = formats[media]
    ctype = fmt.media_type if "charset" in fmt.media_type else f"{fmt.media_type}; charset=utf-8"
    if isinstance(result, ox.QueryBoolean):
        return 200, ctype, result.serialize(format=fmt), False
    rows = list(islice(result, limit + 1))
    truncated = len(rows) > limit
    rows = rows[:limit]
    if formats is GRAPH_FORMATS:
        return 200, ctype, ox.serialize(rows, format=fmt), truncated
    names = [v.value for v in result.variables]
    doc = {"head": {"vars": names}, "results": {"bindings": [
        {n: _term_json(row[n]) for n in names if row[n] is not None} for row in rows]}}
    body = json.dumps(doc, ensure_ascii=False).encode()
    if fmt != ox.QueryResultsFormat.JSON:  # same rows, pyoxigraph's serialiser for the other formats
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return 200, ctype, body, truncated


def store_stamp(location: str) -> tuple[tuple[str, int, int], ...] | None:
    """What a commit to the store directory ``location`` changes (file names, sizes, times); None for other stores.

    RocksDB writes a commit to its log file or a new table file, so any commit changes this stamp.

    Examples
    --------
    >>> store_stamp("tests/data/small.trig") is None
    True
    """
    path = Path(location)
    if not path.is_dir():
        return None
    entries = sorted(os.scandir(path), key=lambda e: e.name)
    return tuple((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if e.is_file())


def _worker_main(conn: Any, location: str, memory_mb: int | None, allow_service: tuple[str, ...],
                 nice: int = 0) -> None:
    # The fork server stays up while any process holds its "alive" pipe, and each child is handed one:
    # dropping it lets the fork server exit with the server (even one killed by SIGKILL), and the
    # kernel then kills this worker, whose parent the fork server is.
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if getattr(server, "_forkserver_alive_fd", None) is not None:
        os.close(server._forkserver_alive_fd)
        server._forkserver_alive_fd = None
    die_with_parent()
    cap_memory(memory_mb)
    if nice:
        os.nice(nice)
    try:
        with uncapped():  # opening is not a query's cost (see cap_memory)
            probe = open_store(location, read_only=True)
            path = probe.location  # where the files are ("out" -> "out/store")
            probe.close()
            stamp = store_stamp(path)  # taken before opening: a commit in between is seen at the first query
            store = open_store(location, read_only=True)
    except KGError as error:
        conn.send((500, TEXT, f"{error}\n".encode(), False))
        return
    # Every answer, error or not, goes back through conn; what the engine prints when it aborts past the
    # memory cap ("memory allocation of N bytes failed") would be noise in the server's log. Not before
    # the store is open: why a worker died on start belongs in the log.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    conn.send("ready")
    while True:
        try:
            query, accept, limit = conn.recv()
        except EOFError:
            return
        try:
            # A read-only view is the store as it was when opened: after a `kg add` or `kg remove`
            # (another process may write while we read), reopen it so queries see the new articles.
            if stamp is not None and (now := store_stamp(path)) != stamp:
                with uncapped():
                    fresh = open_store(location, read_only=True)  # if this fails, the old view still answers
                store.close()
                store, stamp = fresh, now
            conn.send(execute(store, query, accept, limit, allow_service))
        except MemoryError:  # Python's own allocations; the engine's abort the process (the server sees it die)
            conn.send((503, TEXT, f"query stopped: it needed more than the query worker's {memory_mb} MB memory "
                                  "limit; add LIMIT or narrow the patterns\n".encode(), False))
        except Exception as error:  # noqa: BLE001 - the server answers 500 instead of losing the worker
            conn.send((500, TEXT, f"query failed: {error}\n".encode(), False))


class Worker:
    """One child process holding a read-only store; killed and replaced when a query overruns."""

    # Not a fork of the threaded server holding RocksDB handles: a fork server (a fresh process with these
    # modules loaded) forks each worker, so one killed at its deadline is back in a fraction of a second.
    _ctx = multiprocessing.get_context("forkserver")
    _ctx.set_forkserver_preload(["kg.serve.workers"])

    def __init__(self, location: str, *, memory_mb: int | None = None, allow_service: Collection[str] = (),
                 nice: int = 0) -> None:
        self.location = location
        self._stopping = threading.Lock()
        self.conn, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_worker_main, daemon=True,
                                         args=(child, location, memory_mb, tuple(allow_service), nice))
        self.process.start()
        child.close()
        try:
            first = self.conn.recv()
        except EOFError:
            first = (500, "", f"the query worker for {location} died on start (exit code "
                              f"{self.process.join(5) or self.process.exitcode})".encode(), False)
        if first != "ready":
            self.stop()
            raise OptionError(first[2].decode().strip())

    def run(self, query: str, accept: str, limit: int, timeout: float) -> tuple[int, str, bytes, bool] | None:
        """The answer, or None when the deadline passed (the worker is then dead: replace it)."""
        self.conn.send((query, accept, limit))
        if self.conn.poll(timeout):
            return self.conn.recv()
        self.stop()
        return None

    def stop(self) -> None:
        # Called by the request thread whose query killed the worker and by the server closing, at once
        # when a stop and a dying query meet: the second close of the pipe must not fail.
        with self._stopping:
            self.process.kill()
            self.process.join(5)
            if not self.conn.closed:
                self.conn.close()
