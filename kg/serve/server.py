"""A read-only SPARQL 1.1 Protocol endpoint over HTTP, with the HTML graph explorer at ``/``.

Queries run in worker processes (:mod:`kg.serve.workers`), each with its own read-only view of the
store, so a query that runs past its deadline is stopped for real (the worker is killed and replaced)
instead of pinning a thread.
Results are serialised by pyoxigraph in the format the ``Accept`` header asks for.

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

import queue
import re
import shutil
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KGError, OptionError
from kg.serve.workers import TEXT, Worker, store_stamp
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


class SparqlServer(ThreadingHTTPServer):
    """ThreadingHTTPServer with a pool of query workers; ``url`` is where it listens."""

    daemon_threads = True

    def __init__(self, location: str, *, host: str, port: int, timeout: float, limit: int, workers: int,
                 store: Store | None = None) -> None:
        self.location, self.timeout, self.limit = location, timeout, limit
        self._store = store
        self._pool: queue.Queue[Worker] = queue.Queue()
        self._page: bytes | None = None
        self._page_stamp: tuple | None = None
        self._page_lock = threading.Lock()
        self._closed = False
        try:
            super().__init__((host, port), _Handler)  # bind first: no workers to clean up if the port is taken
        except OSError as error:
            raise OptionError(f"cannot listen on {host}:{port}: {error.strerror}; choose another --port") from None
        self.url = f"http://{self.server_address[0]}:{self.server_address[1]}"
        try:
            for _ in range(workers):
                self._pool.put(Worker(location))
        except BaseException:
            self.server_close()
            raise

    def query(self, text: str, accept: str) -> tuple[int, str, bytes, bool]:
        try:
            worker = self._pool.get(timeout=self.timeout + 60)
        except queue.Empty:
            return 503, TEXT, b"no query worker is free: the server is busy, try again\n", False
        try:
            answer = worker.run(text, accept, self.limit, self.timeout)
        except (EOFError, OSError):  # the worker died under the query (out of memory ...)
            worker.stop()
            answer = (500, TEXT, b"query failed: the query worker died; try again with a smaller query\n", False)
        if answer is None or not worker.process.is_alive():
            # replaced in the background: the client gets its answer without waiting for a fresh store
            threading.Thread(target=self._respawn, daemon=True).start()
        else:
            self._pool.put(worker)
        if answer is None:
            return (503, TEXT, f"query stopped: it ran longer than the {self.timeout:g} s timeout; add LIMIT or "
                               "narrow the patterns (kg serve --timeout raises the limit)\n".encode(), False)
        return answer

    def _respawn(self) -> None:
        try:
            worker = Worker(self.location)
        except KGError:
            return  # the store went away: the pool shrinks, and queries say the server is busy
        if self._closed:
            worker.stop()
        else:
            self._pool.put(worker)

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
        self._closed = True
        super().server_close()
        while not self._pool.empty():
            self._pool.get().stop()
        snapshot = Path(self.location)
        if snapshot.name == "snapshot.nq" and snapshot.parent.name.startswith("kg-serve-"):
            shutil.rmtree(snapshot.parent, ignore_errors=True)


#: names a browser uses for this machine; any other Host header on a loopback server is DNS rebinding
LOOPBACK_NAMES = frozenset({"localhost", "::1", "127.0.0.1"})


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, TEXT, (message + "\n").encode(), headers)

    def _foreign_host(self) -> bool:
        """A loopback server answers only requests addressed to loopback names: a page of another site
        that resolves its own name to 127.0.0.1 (DNS rebinding) gets 403, not the graph."""
        bound = str(self.server.server_address[0])
        host = (self.headers.get("Host") or "").strip().lower()
        if not host or not (bound.startswith("127.") or bound in ("::1", "localhost")):
            return False
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if name in LOOPBACK_NAMES or name.startswith("127."):
            return False
        self._text(403, f"Host {host!r} is not this server: it listens on {bound} (use 127.0.0.1 or localhost)")
        return True

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self._foreign_host():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            try:
                return self._send(200, "text/html; charset=utf-8", self.server.page())
            except KGError as error:
                return self._text(500, f"cannot draw the graph: {error}")
        self._sparql(url.path, urllib.parse.parse_qs(url.query))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if self._foreign_host():
            return
        url = urllib.parse.urlsplit(self.path)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        if ctype not in POST_BODIES:
            return self._text(415, f"unsupported Content-Type {ctype!r}; valid: {', '.join(sorted(POST_BODIES))}")
        params = urllib.parse.parse_qs(url.query)
        params.update(POST_BODIES[ctype](body))
        self._sparql(url.path, params)

    def _sparql(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in ("/sparql", "/query"):
            return self._text(404, f"no page {path!r}; valid: / (graph explorer), /sparql (SPARQL endpoint)")
        if "update" in params:
            return self._text(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._text(400, "give exactly one SPARQL query in the 'query' parameter "
                                   "(GET ?query=..., or POST form-encoded or application/sparql-query)")
        if UPDATE_RE.match(queries[0]):
            return self._text(403, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, "
                                   "DROP ...) are refused")
        accept = self.headers.get("Accept") or "*/*"
        if "format" in params:
            name = params["format"][0]
            if name not in FORMAT_NAMES:
                return self._text(400, f"unknown format {name!r}; valid: {', '.join(sorted(FORMAT_NAMES))}")
            accept = FORMAT_NAMES[name]
        status, ctype, body, truncated = self.server.query(queries[0], accept)
        headers = {"X-KG-Truncated": "true", "X-KG-Limit": str(self.server.limit)} if truncated else {}
        self._send(status, ctype, body, headers)

    do_HEAD = do_GET


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
                limit: int = 10000, workers: int = 2) -> SparqlServer:
    """Bind a SPARQL endpoint for ``store`` (not yet serving: call ``serve_forever()``, e.g. in a thread).

    Port 0 picks a free port (see ``server.url``). ``workers`` query processes answer in parallel.

    Examples
    --------
    >>> server = make_server("tests/data/small.trig", port=0, workers=1)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.server_close()
    """
    if timeout <= 0 or limit < 1 or workers < 1:
        raise OptionError(f"bad timeout={timeout} / limit={limit} / workers={workers}; valid: positive numbers")
    location, opened = _location(store)
    return SparqlServer(location, host=host, port=port, timeout=timeout, limit=limit, workers=workers, store=opened)


def serve(store: str | Path | Store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          limit: int = 10000) -> None:
    """Serve ``store`` read-only at ``http://host:port/sparql`` (graph explorer at ``/``) until Ctrl-C."""
    server = make_server(store, host=host, port=port, timeout=timeout, limit=limit)
    server.verbose = True
    print(f"SPARQL endpoint: {server.url}/sparql   graph explorer: {server.url}/   (Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
