"""Load on ``kg serve``: many concurrent clients of cheap and runaway queries (issue 15, case 10).

Starts ``kg serve`` on 127.0.0.1 (never another address) on a free port, then runs ``--clients``
concurrent clients for ``--seconds`` (at most ``--max-requests`` requests in all). Each client keeps
one HTTP/1.1 connection open (a new one when the server closes it) and sends, one after the other,
cheap queries and, with probability ``--runaway``, a runaway one: a cross join to count (stopped by
the timeout) or to sort (stopped by the worker's memory cap). It pauses ``--think`` seconds between
requests. Every answer's status and time are recorded; a reset, a refused connection or a connection
closed without an answer is counted as a reset. The server's memory is the resident set of its
process and its query workers together, sampled every 0.2 s.

Usage: ``python bench/load.py [--store tests/data/small.trig] [--clients 200] [--seconds 60]``
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parents[1]
CHEAP = ("SELECT ?c ?name WHERE { ?c a kg:Company ; rdfs:label ?name } LIMIT 20",
         "ASK { ?s ?p ?o }",
         "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
           "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l LIMIT 1")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rss_mb(pid: int) -> float:
    """Resident set of ``pid`` and all its descendants (fork server, query workers), in MB (0 when gone)."""
    total, family, todo = 0, [], [pid]
    while todo:
        family.append(todo.pop())
        todo.extend(_children(family[-1]))
    for proc in family:
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                for c in (task / "children").read_text().split()]
    except OSError:
        return []


async def _client(n: int, port: int, end: float, think: float, runaway: float, budget: list[int],
                  results: list[tuple[str, int | str, float]]) -> None:
    rng = random.Random(n)
    reader = writer = None
    while time.monotonic() < end and budget[0] > 0:
        budget[0] -= 1
        kind = "runaway" if rng.random() < runaway else "cheap"
        query = rng.choice(RUNAWAY if kind == "runaway" else CHEAP)
        request = (f"GET /sparql?query={urllib.parse.quote(query)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Accept: application/sparql-results+json\r\n\r\n").encode()
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            await writer.drain()
            status, close = await _response(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            results.append((kind, f"reset ({type(error).__name__})", time.monotonic() - started))
            writer = _close(writer)
            continue
        results.append((kind, status, time.monotonic() - started))
        if close:
            writer = _close(writer)
        await asyncio.sleep(think * rng.random() * 2)
    _close(writer)


async def _response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection", "").lower() == "close"


def _close(writer: asyncio.StreamWriter | None) -> None:
    if writer is not None:
        writer.close()
    return None


async def _load(port: int, *, clients: int, seconds: float, think: float, runaway: float, max_requests: int):
    results: list[tuple[str, int | str, float]] = []
    end = time.monotonic() + seconds
    budget = [max_requests]
    await asyncio.gather(*(_client(n, port, end, think, runaway, budget, results) for n in range(clients)))
    return results


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def run(*, store: str, clients: int, seconds: float, think: float, runaway: float, max_requests: int,
        workers: int, timeout: float, memory: int) -> str:
    port = _free_port()
    log_file = tempfile.TemporaryFile(mode="w+")  # a pipe nobody reads until the end would fill and block it
    server = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", store, "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--timeout", str(timeout), "--memory", str(memory)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            peak[0] = max(peak[0], _rss_mb(server.pid))

    try:
        for _ in range(600):  # the server is ready when its port answers
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        threading.Thread(target=sample, daemon=True).start()
        results = asyncio.run(_load(port, clients=clients, seconds=seconds, think=think, runaway=runaway,
                                    max_requests=max_requests))
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log_file.seek(0)
        log = log_file.read()
    rows = []
    for kind in ("cheap", "runaway"):
        mine = [r for r in results if r[0] == kind]
        statuses = Counter(r[1] for r in mine)
        answered = [r[2] for r in mine if isinstance(r[1], int)]
        ok = [r[2] for r in mine if r[1] == 200]
        rows.append([kind, len(mine), ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)),
                     sum(1 for r in mine if not isinstance(r[1], int)), _pct(answered, 0.5), _pct(answered, 0.99),
                     _pct(ok, 0.99)])
    table = common.table(["queries", "requests", "answers", "resets", "p50 s", "p99 s", "p99 of 200s s"], rows)
    tracebacks = log.count("Traceback")
    return (f"{table}\n\nserver peak RSS (process + workers): {peak[0]:.0f} MB; "
            f"tracebacks in the server log: {tracebacks}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(ROOT / "tests" / "data" / "small.trig"))
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between a client's requests (s)")
    parser.add_argument("--runaway", type=float, default=0.05, help="share of runaway queries")
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=2)
    parser.add_argument("--memory", type=int, default=512, help="MB per query worker")
    args = parser.parse_args()
    print(f"kg serve --workers {args.workers} --timeout {args.timeout:g} --memory {args.memory}; "
          f"{args.clients} clients for {args.seconds:g} s, think {args.think:g} s, runaway share {args.runaway:g}\n")
    print(run(store=args.store, clients=args.clients, seconds=args.seconds, think=args.think, runaway=args.runaway,
              max_requests=args.max_requests, workers=args.workers, timeout=args.timeout, memory=args.memory))
    print(f"\n{common.machine()}")


if __name__ == "__main__":
    main()
