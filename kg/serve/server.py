"""A read-only SPARQL 1.1 Protocol endpoint over HTTP, with the HTML graph explorer at ``/``.

HTTP is waitress's (a WSGI server): a listen backlog of 1,024, request bodies over the limit
answered 413 and malformed lengths 400 before any of our code runs, keep-alive, and no traceback
in the log for a client's mistake. Queries run in worker processes (:mod:`kg.serve.workers`), each
with its own read-only view of the store and a memory cap, so a query that runs past its deadline
or its memory is stopped for real (the worker is killed and replaced). Cheap-looking queries have
workers of their own with a short deadline, so they never wait behind runaway ones
(:mod:`kg.serve.lanes`). Past the workers, a few queries wait for one (``queue`` per worker, at most
``wait`` seconds); the rest get 503 "busy, retry" at once, never a reset connection.

Examples
--------
>>> import threading, urllib.request, urllib.parse
>>> server = make_server("tests/data/small.trig", port=0, workers=1)
>>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
>>> q = urllib.parse.quote("ASK { ?c a kg:Company }")
>>> urllib.request.urlopen(f"{server.url}/sparql?query={q}").read()
b'{"head":{},"boolean":true}'
>>> server.shutdown(); server.server_close()
"""
from __future__ import annotations

import http
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

import waitress
from waitress import wasyncore

from kg.errors import KGError, OptionError
from kg.serve.lanes import Lane, Remembered, looks_cheap
from kg.serve.limits import MAX_BODY, MEMORY_MB
from kg.serve.workers import TEXT, store_stamp
from kg.store import Store, open_store

#: ``?format=`` shortcuts -> media type
FORMAT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}
#: POST Content-Type -> request parameters found in the body (SPARQL 1.1 Protocol, sections 2.1.2-2.1.3)
POST_BODIES = {
    "application/x-www-form-urlencoded": urllib.parse.parse_qs,
    "application/sparql-query": lambda body: {"query": [body]},
    "application/sparql-update": lambda body: {"update": [body]},
}
UPDATE_RE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                       r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
#: names a browser uses for this machine; any other Host header on a loopback server is DNS rebinding
LOOPBACK_NAMES = frozenset({"localhost", "::1", "127.0.0.1"})
Answer = tuple[int, str, bytes, dict[str, str]]


class SparqlServer:
    """The endpoint: a waitress server and two lanes of query workers; ``url`` is where it listens."""

    def __init__(self, location: str, *, host: str, port: int, timeout: float, limit: int, workers: int,
                 store: Store | None = None, max_body: int = MAX_BODY, memory_mb: int | None = MEMORY_MB,
                 queue_per_worker: int = 4, wait: float = 0.5, allow_service: Collection[str] = (),
                 fast_workers: int = 1, fast_timeout: float = 0.5) -> None:
        self.location, self.timeout, self.limit = location, timeout, limit
        self.memory_mb, self.verbose = memory_mb, False
        self._store = store
        self._page: bytes | None = None
        self._page_stamp: tuple | None = None
        self._page_lock = threading.Lock()
        self._running, self._stop = threading.Event(), threading.Event()
        self._lanes: list[Lane] = []
        self._slow_texts = Remembered()
        # a query waits for a thread before any of our code runs: one per admitted query, so none waits
        threads = workers * (1 + queue_per_worker) + fast_workers * (1 + Lane.FAST_QUEUE) + 4
        try:  # bind first: no workers to clean up if the port is taken
            self._http = waitress.create_server(
                self._app, host=host, port=port, threads=threads, backlog=1024,
                connection_limit=1000, asyncore_use_poll=True, max_request_body_size=max_body,
                channel_timeout=max(60, int(timeout) + 30), expose_tracebacks=False, ident="kg")
        except OSError as error:
            raise OptionError(f"cannot listen on {host}:{port}: {error.strerror}; choose another --port") from None
        self.server_address = (str(self._http.effective_host), int(self._http.effective_port))
        self.url = f"http://{self.server_address[0]}:{self.server_address[1]}"
        lane = {"limit": limit, "memory_mb": memory_mb, "allow_service": allow_service}
        try:
            self._main = Lane(location, workers=workers, queue_per_worker=queue_per_worker, wait=wait,
                              timeout=timeout, nice=Lane.MAIN_NICE if fast_workers else 0, **lane)
            self._lanes.append(self._main)
            self._fast = Lane(location, workers=fast_workers, queue_per_worker=Lane.FAST_QUEUE,
                              wait=min(wait, Lane.FAST_WAIT), timeout=min(fast_timeout, timeout),
                              **lane) if fast_workers else None
            self._lanes += [self._fast] if self._fast else []
        except BaseException:
            self.server_close()
            raise

    def serve_forever(self) -> None:
        # waitress's own run() ends only when every channel is closed, which from another thread races
        # with the request threads still writing; this loop ends at the next wake-up instead.
        self._stop.clear()
        self._running.set()
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=1, map=self._http._map, use_poll=True, count=1)
        finally:
            self._running.clear()

    def shutdown(self) -> None:
        """Stop serving (from another thread) and wait for :meth:`serve_forever` to return; connections
        and workers stay until :meth:`server_close`."""
        self._stop.set()
        if self._running.is_set():
            self._http.trigger.pull_trigger()  # wakes the loop now rather than at its next timeout
            _wait_until(lambda: not self._running.is_set(), 5)

    def query(self, text: str, accept: str) -> Answer:
        """Cheap-looking queries go to the fast lane; one that overruns it is run again in the main lane."""
        if self._fast is not None and text not in self._slow_texts and looks_cheap(text):
            answer = self._fast.query(text, accept)
            if answer in ("overran", "died"):
                self._slow_texts.add(text)  # it would stop the fast lane's worker again
            if answer != "overran" or self._fast.timeout >= self.timeout:
                return self._stopped(answer)
        return self._stopped(self._main.query(text, accept))

    def _stopped(self, answer: Answer | str) -> Answer:
        if answer == "overran":
            return (503, TEXT, f"query stopped: it ran longer than the {self.timeout:g} s timeout; add LIMIT or "
                               "narrow the patterns (kg serve --timeout raises the limit)\n".encode(), {})
        if answer == "died":
            cap = f" of {self.memory_mb} MB (kg serve --memory)" if self.memory_mb else ""
            return (503, TEXT, f"query stopped: it needed more memory than the query worker's limit{cap}; "
                               "add LIMIT or narrow the patterns\n".encode(), {})
        return answer

    def page(self) -> bytes:
        """The HTML graph explorer of the store, rendered on first request and again after the store changed."""
        with self._page_lock:
            stamp = store_stamp(self.location)
            if self._page is None or stamp != self._page_stamp:
                from kg.explore.html import render

                with tempfile.TemporaryDirectory() as tmp:
                    out = Path(tmp) / "graph.html"
                    render(self._store or self.location, out, title=f"kg graph explorer: {self.location}")
                    self._page, self._page_stamp = out.read_bytes(), stamp
            return self._page

    def server_close(self) -> None:
        for lane in self._lanes:
            lane.close()
        self._http.task_dispatcher.shutdown(timeout=2)
        wasyncore.close_all(self._http._map)  # the listening socket, the connections, the trigger
        snapshot = Path(self.location)
        if snapshot.name == "snapshot.nq" and snapshot.parent.name.startswith("kg-serve-"):
            shutil.rmtree(snapshot.parent, ignore_errors=True)

    # --- HTTP --------------------------------------------------------------------------------------
    def _app(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = time.monotonic()
        try:
            status, ctype, body, headers = self._answer(environ)
        except Exception as error:  # noqa: BLE001 - one line in the log and a 500, never a traceback
            status, ctype, body, headers = 500, TEXT, f"server error: {type(error).__name__}\n".encode(), {}
            print(f"kg serve: {environ.get('PATH_INFO')}: {type(error).__name__}: {error}", file=sys.stderr)
        if self.verbose:
            print(f'{environ.get("REMOTE_ADDR")} "{environ.get("REQUEST_METHOD")} {environ.get("PATH_INFO")}" '
                  f"{status} {len(body)} {time.monotonic() - started:.3f}s", file=sys.stderr, flush=True)
        start_response(f"{status} {http.HTTPStatus(status).phrase}",
                       [("Content-Type", ctype), ("Content-Length", str(len(body))), *headers.items()])
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def _answer(self, environ: dict[str, Any]) -> Answer:
        if (refused := self._foreign_host(environ.get("HTTP_HOST") or "")) is not None:
            return refused
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO") or "/"
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING") or "")
        if method in ("GET", "HEAD") and path in ("/", "/index.html"):
            try:
                return 200, "text/html; charset=utf-8", self.page(), {}
            except KGError as error:
                return _text(500, f"cannot draw the graph: {error}")
        if method == "POST":
            ctype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            if ctype not in POST_BODIES:
                return _text(415, f"unsupported Content-Type {ctype!r}; valid: {', '.join(sorted(POST_BODIES))}")
            body = environ["wsgi.input"].read().decode("utf-8", "replace")  # bounded by waitress's body limit
            params.update(POST_BODIES[ctype](body))
        elif method not in ("GET", "HEAD"):
            return _text(405, f"method {method} not allowed; valid: GET, HEAD, POST", {"Allow": "GET, HEAD, POST"})
        return self._sparql(path, params, environ.get("HTTP_ACCEPT") or "*/*")

    def _foreign_host(self, host: str) -> Answer | None:
        """A loopback server answers only requests addressed to loopback names: a page of another site
        that resolves its own name to 127.0.0.1 (DNS rebinding) gets 403, not the graph."""
        bound = self.server_address[0]
        host = host.strip().lower()
        if not host or not (bound.startswith("127.") or bound in ("::1", "localhost")):
            return None
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if name in LOOPBACK_NAMES or name.startswith("127."):
            return None
        return _text(403, f"Host {host!r} is not this server: it listens on {bound} (use 127.0.0.1 or localhost)")

    def _sparql(self, path: str, params: dict[str, list[str]], accept: str) -> Answer:
        if path not in ("/sparql", "/query"):
            return _text(404, f"no page {path!r}; valid: / (graph explorer), /sparql (SPARQL endpoint)")
        if "update" in params:
            return _text(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _text(400, "give exactly one SPARQL query in the 'query' parameter "
                              "(GET ?query=..., or POST form-encoded or application/sparql-query)")
        if UPDATE_RE.match(queries[0]):
            return _text(403, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, "
                              "DROP ...) are refused")
        if "format" in params:
            name = params["format"][0]
            if name not in FORMAT_NAMES:
                return _text(400, f"unknown format {name!r}; valid: {', '.join(sorted(FORMAT_NAMES))}")
            accept = FORMAT_NAMES[name]
        return self.query(queries[0], accept)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
    return status, TEXT, (message + "\n").encode(), headers or {}


def _wait_until(done: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.01)


def _location(store: str | Path | Store) -> tuple[str, Store | None]:
    """A location a worker process can open: the store's path, or a dump of an in-memory store."""
    if not isinstance(store, Store):
        with open_store(store, read_only=True) as opened:  # clear error now rather than in a worker
            return opened.location if Path(str(store)).is_dir() else str(store), None
    if store.oxigraph is None or Path(store.location).is_dir():  # remote server, or a store folder
        return store.location, store
    # in memory (maybe changed since it was loaded): workers load a snapshot, removed by server_close
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-")) / "snapshot.nq"
    tmp.write_bytes(store.dump("nquads"))
    return str(tmp), store


def make_server(store: str | Path | Store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                limit: int = 10000, workers: int = 2, max_body: int = MAX_BODY, memory_mb: int | None = MEMORY_MB,
                queue_per_worker: int = 4, wait: float = 0.5, allow_service: Collection[str] = (),
                fast_workers: int = 1, fast_timeout: float = 0.5) -> SparqlServer:
    """Bind a SPARQL endpoint for ``store`` (not yet serving: call ``serve_forever()``, e.g. in a thread).

    Port 0 picks a free port (see ``server.url``). ``workers`` query processes answer in parallel, each
    capped at ``memory_mb`` (None: no cap); ``queue_per_worker`` more queries per worker wait for one,
    at most ``wait`` seconds; the others get 503. ``fast_workers`` more answer the queries a cost check
    finds cheap, within ``fast_timeout`` (0: no fast lane; see :mod:`kg.serve.lanes`). Bodies over
    ``max_body`` bytes get 413. ``SERVICE`` clauses may call only the hosts of ``allow_service`` (none by default).

    Examples
    --------
    >>> server = make_server("tests/data/small.trig", port=0, workers=1)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.server_close()
    """
    if timeout <= 0 or limit < 1 or workers < 1 or max_body < 1 or (memory_mb is not None and memory_mb < 64) \
            or fast_workers < 0 or fast_timeout <= 0:
        raise OptionError(f"bad timeout={timeout} / limit={limit} / workers={workers} / max_body={max_body} / "
                          f"memory_mb={memory_mb} / fast_workers={fast_workers} / fast_timeout={fast_timeout}; "
                          "valid: positive numbers (fast workers 0 or more), memory at least 64 MB")
    location, opened = _location(store)
    return SparqlServer(location, host=host, port=port, timeout=timeout, limit=limit, workers=workers, store=opened,
                        max_body=max_body, memory_mb=memory_mb, queue_per_worker=queue_per_worker, wait=wait,
                        allow_service=allow_service, fast_workers=fast_workers, fast_timeout=fast_timeout)


def serve(store: str | Path | Store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          limit: int = 10000, **options: Any) -> None:
    """Serve ``store`` read-only at ``http://host:port/sparql`` (graph explorer at ``/``) until Ctrl-C or SIGTERM.

    ``options`` are those of :func:`make_server` (workers, max_body, memory_mb, queue_per_worker, wait,
    allow_service, fast_workers, fast_timeout).
    """
    server = make_server(store, host=host, port=port, timeout=timeout, limit=limit, **options)
    server.verbose = True
    print(f"SPARQL endpoint: {server.url}/sparql   graph explorer: {server.url}/   (Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    # SIGTERM (a service manager, `kill`) stops like Ctrl-C: the workers and their fork server go too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
