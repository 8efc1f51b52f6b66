"""Files the store reads and writes: RDF file formats by name or suffix, and atomic writes (a file is
replaced only once its new content is complete, so a crash never leaves half an output)."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.errors import bad_choice
from kg.store.backends import DUMP_FORMATS, FILE_FORMATS


def dump_format(fmt: str | None) -> tuple[ox.RdfFormat, bool]:
    if fmt not in DUMP_FORMATS:
        raise bad_choice("dump format", fmt, DUMP_FORMATS)
    return DUMP_FORMATS[fmt]


def file_format(path: Path) -> ox.RdfFormat:
    if path.suffix.lower() not in FILE_FORMATS:
        raise bad_choice(f"RDF file type of {path}:", path.suffix, FILE_FORMATS)
    return FILE_FORMATS[path.suffix.lower()]


class atomic_path:
    """Context manager giving a temp path next to ``path``, renamed onto it only on success."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(self.path)
        # Keep the suffix: some writers (pyvis) choose their format from it. The pid in the name tells
        # a later writer whether the temp file's writer is dead (killed midway) and the file an orphan.
        fd, name = tempfile.mkstemp(prefix=f".{self.path.stem}.kgtmp{os.getpid()}.", suffix=self.path.suffix,
                                    dir=self.path.parent)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # mkstemp's 0600 would make the outputs private
        self.tmp = Path(name)
        return self.tmp

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _remove_orphans(path: Path) -> None:
    """Remove the temp files of ``path`` left by writers that were killed (SIGKILL, power cut) midway."""
    pattern = re.compile(re.escape(f".{path.stem}.kgtmp") + r"(\d+)\.\w+" + re.escape(path.suffix) + "$")
    for other in path.parent.glob(f".{path.stem}.kgtmp*"):
        match = pattern.match(other.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            other.unlink(missing_ok=True)
        except PermissionError:  # another user's live process
            continue
