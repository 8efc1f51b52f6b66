"""Lanes of query workers for ``kg serve``: cheap queries never wait behind runaway ones.

A lane is a pool of worker processes (:class:`kg.serve.workers.Worker`) with its own admission: at most
``queue_per_worker`` queries per worker wait for one, at most ``wait`` seconds; the others get 503
"busy, retry" at once. The server keeps two lanes. The fast lane takes the queries :func:`looks_cheap`
passes and gives each a short deadline; a query that overruns it there is stopped, remembered, and run
again in the main lane with the full ``--timeout``, so a cost check that guesses wrong costs the fast lane
one short deadline per query text, never a runaway's whole budget. The main lane's workers run at a lower
CPU priority (``nice``): on a busy machine the fast lane and the HTTP threads are served first.

Examples
--------
>>> looks_cheap("SELECT ?c WHERE { ?c a kg:Company } LIMIT 20")
True
>>> looks_cheap("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }")
False
"""
from __future__ import annotations

import queue
import re
import threading
from collections import OrderedDict
from collections.abc import Collection

from kg.errors import KGError
from kg.serve.workers import TEXT, Worker

Answer = tuple[int, str, bytes, dict[str, str]]
#: a triple pattern of three variables: every triple of the store
_OPEN_PATTERN = re.compile(r"[?$]\w+\s+[?$]\w+\s+[?$]\w+")
#: a property path repeated any number of times (``p*``, ``p+``, ``(p|q)*``): a transitive closure
_CLOSURE = re.compile(r"[\w>)]\s*[*+](?=\s*[?$<\w(\[])")
#: query texts seen to overrun the fast lane (oldest forgotten first)
_REMEMBERED = 10_000


def looks_cheap(query: str) -> bool:
    """True unless the query's patterns join two full scans of the store or walk a path of any length.

    A static guess from the text (no statistics): a wrong "cheap" is caught by the fast lane's deadline.
    The projection before the first ``{`` and the modifiers after the last ``}`` are not patterns.
    """
    body = query[query.find("{") + 1:query.rfind("}")] if "{" in query else query
    return len(_OPEN_PATTERN.findall(body)) < 2 and not _CLOSURE.search(body)


class Lane:
    """Worker processes answering queries within ``timeout`` seconds, with bounded admission."""

    #: queries waiting per fast-lane worker: cheap ones take milliseconds each
    FAST_QUEUE = 8
    #: seconds a cheap query waits for a fast-lane worker before 503: its whole answer should take under 1 s
    FAST_WAIT = 0.25
    #: CPU priority of the main lane's workers, below the HTTP threads and the fast lane (``os.nice``)
    MAIN_NICE = 10

    def __init__(self, location: str, *, workers: int, queue_per_worker: int, wait: float, timeout: float,
                 limit: int, memory_mb: int | None, allow_service: Collection[str] = (), nice: int = 0) -> None:
        self.location, self.wait, self.timeout, self.limit = location, wait, timeout, limit
        self.memory_mb, self.allow_service, self.nice = memory_mb, tuple(allow_service), nice
        self.capacity = workers * (1 + queue_per_worker)
        self._pool: queue.Queue[Worker] = queue.Queue()
        self._admitted = threading.BoundedSemaphore(self.capacity)
        self._workers: set[Worker] = set()
        self._closed = False
        try:
            for _ in range(workers):
                self._pool.put(self._new_worker())
        except BaseException:
            self.close()
            raise

    def query(self, text: str, accept: str) -> Answer | str:
        """The answer, or "overran" / "died" when the query passed the deadline / the memory cap."""
        if not self._admitted.acquire(blocking=False):
            return busy("every query worker is busy and the queue is full")
        try:
            try:
                worker = self._pool.get(timeout=self.wait)
            except queue.Empty:
                return busy(f"no query worker was free within {self.wait:g} s")
            return self._run(worker, text, accept)
        finally:
            self._admitted.release()

    def _run(self, worker: Worker, text: str, accept: str) -> Answer | str:
        try:
            answer = worker.run(text, accept, self.limit, self.timeout)
        except (EOFError, OSError):  # the worker died under the query: over its memory cap, or killed
            worker.stop()
            answer = "died"
        if answer is None or answer == "died" or not worker.process.is_alive():
            # replaced in the background: the client gets its answer without waiting for a fresh store
            self._workers.discard(worker)
            if not self._closed:
                threading.Thread(target=self._respawn, daemon=True).start()
        else:
            self._pool.put(worker)
        if answer is None or answer == "died":
            return "overran" if answer is None else "died"
        status, ctype, body, truncated = answer
        return status, ctype, body, {"X-KG-Truncated": "true", "X-KG-Limit": str(self.limit)} if truncated else {}

    def _new_worker(self) -> Worker:
        worker = Worker(self.location, memory_mb=self.memory_mb, allow_service=self.allow_service, nice=self.nice)
        self._workers.add(worker)
        return worker

    def _respawn(self) -> None:
        try:
            worker = self._new_worker()
        except (KGError, OSError):
            return  # the store went away: the pool shrinks, and queries say the server is busy
        if self._closed:
            worker.stop()
        else:
            self._pool.put(worker)

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):  # busy ones too: their threads then answer and end
            worker.stop()


class Remembered:
    """Query texts that overran the fast lane: they go to the main lane from then on (bounded, thread-safe)."""

    def __init__(self, size: int = _REMEMBERED) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._size, self._lock = size, threading.Lock()

    def add(self, text: str) -> None:
        with self._lock:
            self._seen[text] = None
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)

    def __contains__(self, text: str) -> bool:
        with self._lock:
            return text in self._seen


def busy(why: str) -> Answer:
    return 503, TEXT, f"busy, retry: {why}\n".encode(), {"Retry-After": "1"}
