"""Queries that can be stopped: run in a child process that is killed at the deadline or on Ctrl-C.

The store's own deadline is checked between result rows, so an ``ORDER BY`` or an aggregate, which
computes everything before its first row, ran past it (and Ctrl-C waits for the engine, which does not
look at Python's signals). A process can be killed at any moment, and its memory goes with it.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from kg import errors
from kg.errors import KGError, QueryError
from kg.query.sparql import QueryResult, run_query
from kg.store import open_store


def cap_memory(megabytes: int | None) -> None:
    """Limit this process's address space: past it an allocation fails, and the engine aborts the process.

    Only the soft limit is set, so that :func:`uncapped` can lift it while the store is opened: opening
    RocksDB reserves several hundred MB of address space (threads, arenas) and is not the query's cost.
    """
    if megabytes:
        limit = megabytes * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


@contextmanager
def uncapped() -> Iterator[None]:
    """Lift :func:`cap_memory`'s limit for the block (opening a store), then put it back."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux), even by SIGKILL.

    A query process whose parent is gone would compute on for hours with nobody to read the answer.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (AttributeError, OSError):  # not Linux: the parent's Ctrl-C handling is all there is
        return
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


def _child(conn: Any, graph: str, query: str, params: Mapping[str, str] | None, memory_mb: int | None,
           allow_service: Collection[str]) -> None:
    die_with_parent()
    cap_memory(memory_mb)
    if memory_mb:  # the engine's abort message past the cap ("memory allocation of N bytes failed") is noise
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    try:
        with uncapped():  # opening is not the query's cost (see cap_memory)
            store = open_store(graph, read_only=True)
        answer: tuple[str, Any] = ("ok", run_query(store, query, params=params, allow_service=allow_service))
    except KGError as error:
        answer = (type(error).__name__, str(error))
    except MemoryError:
        answer = ("QueryError", f"query stopped: it needed more than the {memory_mb} MB memory limit")
    except Exception as error:  # noqa: BLE001 - one line for the user, whatever the engine raised
        answer = ("QueryError", f"query failed: {type(error).__name__}: {error}")
    conn.send(answer)


def _death(child: Any, memory_mb: int | None) -> str:
    if memory_mb and child.exitcode == -signal.SIGABRT:  # the engine aborts when an allocation fails
        return f"query stopped: it needed more than the {memory_mb} MB memory limit; add LIMIT or narrow the patterns"
    return f"query failed: the query process died with exit code {child.exitcode}"


def run_query_stoppable(graph: str, query: str, *, params: Mapping[str, str] | None = None,
                        timeout: float | None = None, memory_mb: int | None = None,
                        allow_service: Collection[str] = ()) -> QueryResult:
    """:func:`~kg.query.sparql.run_query` in a child process: stopped at ``timeout`` seconds, on Ctrl-C
    (``KeyboardInterrupt`` here, the child killed at once) or past ``memory_mb``. ``allow_service``: hosts a
    ``SERVICE`` clause may call.

    Raises
    ------
    QueryError
        When the query is malformed, refused, stopped at its deadline or past its memory limit.

    Examples
    --------
    >>> run_query_stoppable("tests/data/small.trig", "ASK { ?c a kg:Company }", timeout=30).rows
    [('true',)]
    """
    # fork: the child starts at once with the modules already loaded, and opens the store itself
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, graph, query, params, memory_mb, tuple(allow_service)), daemon=True)
    child.start()
    send.close()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while not receive.poll(0.05):
            if deadline is not None and time.monotonic() > deadline:
                raise QueryError(f"query stopped: it ran longer than the {timeout:g} s timeout; add LIMIT or "
                                 "narrow the patterns")
            if not child.is_alive() and not receive.poll(0):
                raise QueryError(_death(child, memory_mb))
        try:
            kind, value = receive.recv()
        except EOFError:
            child.join(5)
            kind, value = "QueryError", _death(child, memory_mb)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "ok":
        return value
    error = getattr(errors, kind, QueryError)
    raise (error if isinstance(error, type) and issubclass(error, KGError) else QueryError)(value)
