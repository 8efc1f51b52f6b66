"""Which files of the inputs are read, and how their bytes become text.

Nothing is skipped in silence: a symlinked folder, a dangling link, a link loop, an unreadable folder
and the build's own output folder are each an :class:`~kg.types.IngestWarning` naming the path, so a
build that reads less than the user gave says what it left out. Decoding is per line, so one stray
byte in a UTF-8 file costs one replacement character, not the accents of the whole article.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from kg.types import IngestWarning

#: a walked file (path, id relative to the input given) or a warning about a path that was not walked
Found = tuple[Path, str] | IngestWarning
# A valid UTF-8 multi-byte sequence: a line holding one is UTF-8 with stray bytes, not cp1252.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _inside(path: Path, folders: Sequence[Path]) -> Path | None:
    resolved = path.resolve()
    return next((f for f in folders if resolved == f or f in resolved.parents), None)


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be read as a file, or None when it points at a file."""
    try:
        target = path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop; skipped"
        if err.errno == errno.ENOENT:
            return f"dangling symbolic link (to {os.readlink(path)!r}); skipped"
        return f"cannot follow the symbolic link: {err.strerror or err}; skipped"
    if stat.S_ISDIR(target.st_mode):
        return "symbolic link to a folder; skipped (give the folder itself as an input to read it)"
    return None


def walk(arg: Path, exclude: Sequence[Path] = ()) -> Iterator[Found]:
    """Files under ``arg`` (or ``arg`` itself) with their ids, in sorted order, and warnings for what is skipped.

    Hidden files and folders (.git, .DS_Store) are not articles and are skipped without a word;
    ``exclude`` (resolved folders, e.g. the build's output) is skipped with a warning.

    Examples
    --------
    >>> [item[1] for item in walk(Path("data/articles"))]
    ['xiaomi-paris-2018-fr.txt', 'xiaomi-stores-france-2025-en.txt']
    """
    folders = [Path(f).resolve() for f in exclude]
    if not arg.is_dir():
        if (out := _inside(arg, folders)) is not None:
            yield IngestWarning(str(arg), None, f"a file of the output folder {out} is not read as input; skipped")
        else:
            yield arg, arg.name
        return
    stack = [(arg, "")]
    found: list[tuple[str, Path]] = []
    while stack:
        folder, prefix = stack.pop()
        if (out := _inside(folder, folders)) is not None:
            yield IngestWarning(str(folder), None, f"the output folder {out} is not read as input; skipped")
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield IngestWarning(str(folder), None, f"cannot read the folder: {err.strerror or err}; skipped")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, rel = Path(entry.path), prefix + entry.name
            if entry.is_symlink() and (problem := _link_problem(path)) is not None:
                yield IngestWarning(str(path), None, problem)
            elif entry.is_dir(follow_symlinks=False):
                stack.append((path, rel + "/"))
            elif not entry.is_file():  # a FIFO or a device would block or never end
                yield IngestWarning(str(path), None, "not a regular file; skipped")
            elif _inside(path, folders) is None:
                found.append((rel, path))
    for rel, path in sorted(found):
        yield path, rel


def qualified_id(ident: str, source: str, other: str) -> str:
    """A new id for an article whose ``ident`` is taken by one read from the file ``other``.

    The article's file relative to the folder both files share names it (``day2/story.txt`` beside
    ``day1/story.txt``); an id given in the file (JSONL ``id``, URL) is kept after a ``#``.

    Examples
    --------
    >>> qualified_id("story.txt", "/news/day2/story.txt", "/news/day1/story.txt")
    'day2/story.txt'
    >>> qualified_id("wire-1", "/feeds/b.jsonl", "/feeds/a.jsonl")
    'b.jsonl#wire-1'
    >>> qualified_id("b.jsonl#L3", "/x/day2/b.jsonl", "/x/day1/b.jsonl")
    'day2/b.jsonl#L3'
    """
    mine = Path(source).resolve()
    root = Path(os.path.commonpath([mine, Path(other).resolve()]))
    rel = mine.relative_to(root).as_posix() if mine != root else mine.as_posix()
    head, sep, tail = ident.partition("#")
    name = rel + sep + tail if rel == head or rel.endswith("/" + head) else f"{rel}#{ident}"
    return name if name != ident else f"{mine.as_posix()}#{ident}"


def decode(data: bytes, warn: Callable[[str], IngestWarning]) -> tuple[str | None, list[IngestWarning]]:
    """Text of a file's bytes and the warnings met: UTF-8 (BOM or not), UTF-16 with a BOM, or cp1252.

    A file that is not UTF-8 is decoded line by line: a line holding UTF-8 sequences keeps them and
    its stray bytes become U+FFFD; a line with none is read as cp1252 (old Western-European exports).
    Line ends and lengths of the valid parts are kept, so offsets stay meaningful.

    Examples
    --------
    >>> decode("conquête\\n".encode() + b"caf\\xe9 \\xff\\n", lambda m: m)
    ('conquête\\ncafé ÿ\\n', ['not UTF-8: line 2 read as cp1252'])
    >>> decode("conquête\\n".encode() + "l'expansion \\xe9".encode() + b"\\xe9\\n", lambda m: m)
    ("conquête\\nl'expansion é�\\n", ['not UTF-8: 1 bad byte replaced by U+FFFD on line 2'])
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM ("Unicode" in Windows editors)
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None, [warn("undecodable: starts like UTF-16 but is not")]
    if not data.strip():
        return None, [warn("empty file")]
    if b"\x00" in data:
        return None, [warn("binary file (NUL bytes), not text")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    parts: list[str] = []
    cp1252: list[int] = []
    replaced: list[int] = []
    bad = 0
    for n, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            codec = "utf-8" if _UTF8_MULTIBYTE.search(line) else "cp1252"
        text = line.decode(codec, errors="replace")
        if codec == "cp1252":
            cp1252.append(n)
        # U+FFFD spelled in valid UTF-8 in the file is text, not a replacement.
        if count := text.count("\ufffd") - line.decode(codec, errors="ignore").count("\ufffd"):
            replaced.append(n)
            bad += count
        parts.append(text)
    said = [f"{_lines(cp1252)} read as cp1252"] if cp1252 else []
    said += [f"{bad} bad byte{'s' if bad > 1 else ''} replaced by U+FFFD on {_lines(replaced)}"] if bad else []
    return "".join(parts), [warn("not UTF-8: " + "; ".join(said))]


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5])) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
    return f"line{'s' if len(numbers) > 1 else ''} {shown}"
