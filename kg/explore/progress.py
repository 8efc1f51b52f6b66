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


def article_progress(inputs: Sequence[str | Path], *, quiet: bool = False, stream: IO[str] | None = None,
                     force: bool = False) -> ArticleProgress:
    """A progress callback for a run over ``inputs``: a bar when ``stream`` (stderr) is a terminal.

    ``force`` draws the bar whatever the stream (tests; ``quiet`` still wins).
    """
    import sys

    stream = stream if stream is not None else sys.stderr
    enabled = not quiet and (force or stream.isatty())
    return ArticleProgress(count_articles(inputs) if enabled else None, stream=stream, enabled=enabled)
