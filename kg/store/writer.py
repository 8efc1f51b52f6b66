"""A store writer that overlaps with parsing: one thread takes finished articles from a bounded queue and
commits them, one transaction each, while the caller goes on with the next ones.

RocksDB does its work with the GIL released, so on a build the writes of one batch of articles run while
spaCy parses the next. The queue is bounded, so a slow disk slows the build down instead of filling
memory; an error in the writer is raised again in the caller at its next :meth:`put` or at the end.

Examples
--------
>>> done = []
>>> with Writer(done.append) as writer:
...     for n in range(3):
...         writer.put(n)
>>> done
[0, 1, 2]
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

_STOP = object()


class Writer:
    """Calls ``write(item)`` for every :meth:`put` item, in order, in a background thread.

    ``waited`` is the time the caller spent blocked on a full queue (the writer was the bottleneck).
    """

    def __init__(self, write: Callable[[Any], None], *, backlog: int = 64, threaded: bool = True) -> None:
        self._write, self._queue, self.threaded = write, queue.Queue(maxsize=backlog), threaded
        self._error: BaseException | None = None
        self._failed = False
        self.waited = 0.0
        self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)

    def __enter__(self) -> Writer:
        if self.threaded:
            self._thread.start()
        return self

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            if not self._failed:  # after an error, drain without writing so put() never blocks
                try:
                    self._write(item)
                except BaseException as error:  # re-raised in the caller's thread
                    self._error, self._failed = error, True

    def put(self, item: Any) -> None:
        """Queue ``item`` (blocks while the queue is full); raises the writer's error if it failed."""
        self._raise()
        if not self.threaded:
            self._write(item)
            return
        start = time.perf_counter()
        self._queue.put(item)
        self.waited += time.perf_counter() - start

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if not self.threaded:
            return
        # Whatever happened in the caller, the articles already queued are whole: finish them.
        self._queue.put(_STOP)
        self._thread.join()
        if exc_type is None:
            self._raise()
