"""Progress of long runs on a terminal: articles done / total, rate and time left (tqdm).

Nothing is written when the stream is not a terminal (logs, pipes, CI) or when the user asks for quiet:
a bar's carriage returns would only clutter a file.

Examples
--------
>>> import io
>>> tick = article_progress(["data/articles"], stream=io.StringIO())  # not a terminal: silent
>>> tick.bar is None
True
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Sequence

#: what kg.ingest reads: one article per file, one per line of a .jsonl
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def count_articles(inputs: Sequence[str | Path]) -> int:
    """Articles in ``inputs`` as counted cheaply before reading them (files, and lines of .jsonl files)."""
    total = 0
    for path in map(Path, inputs):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                with f.open("rb") as lines:
                    total += sum(1 for line in lines if line.strip())
            elif f.suffix in ARTICLE_SUFFIXES:
                total += 1
    return total


class ArticleProgress:
    """The ``progress`` callback of :func:`kg.pipeline.build`: one tick per article stored or failed."""

    def __init__(self, total: int | None, *, stream: IO[str], enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=stream, dynamic_ncols=True, leave=False)

    def __call__(self, result: Any) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class StepProgress:
    """A ``progress(done, total)`` callback (``kg validate``): the bar is drawn once the total is known."""

    def __init__(self, unit: str, *, stream: IO[str], enabled: bool) -> None:
        self.bar: Any = None
        self.unit, self.stream, self.enabled = unit, stream, enabled

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=self.stream, dynamic_ncols=True, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _enabled(quiet: bool, stream: IO[str] | None, force: bool) -> tuple[IO[str], bool]:
    import sys

    stream = stream if stream is not None else sys.stderr
    return stream, not quiet and (force or stream.isatty())


def step_progress(unit: str, *, quiet: bool = False, stream: IO[str] | None = None,
                  force: bool = False) -> StepProgress:
    """A ``progress(done, total)`` callback drawing a bar of ``unit`` on a terminal (stderr), as :func:`article_progress`.

    Examples
    --------
    >>> import io
    >>> tick = step_progress("node", stream=io.StringIO(), force=True)
    >>> tick(5, 10); tick(10, 10); tick.bar.n
    10
    """
    stream, enabled = _enabled(quiet, stream, force)
    return StepProgress(unit, stream=stream, enabled=enabled)


def article_progress(inputs: Sequence[str | Path], *, quiet: bool = False, stream: IO[str] | None = None,
                     force: bool = False) -> ArticleProgress:
    """A progress callback for a run over ``inputs``: a bar when ``stream`` (stderr) is a terminal.

    ``force`` draws the bar whatever the stream (tests; ``quiet`` still wins).
    """
    stream, enabled = _enabled(quiet, stream, force)
    return ArticleProgress(count_articles(inputs) if enabled else None, stream=stream, enabled=enabled)
