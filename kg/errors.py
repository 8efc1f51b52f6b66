"""One exception base and one error table.

Every user-facing error is a ``KGError`` whose message names the bad value and, where there is a
closed set, the valid options. The CLI prints ``str(error)`` and exits 2: never a traceback.
"""
from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """Base of every error the user can cause (bad input, bad option, bad query)."""


class InputError(KGError):
    """An input file or record cannot be read."""


class OptionError(KGError):
    """An option value is not one of the valid ones."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused or too slow."""


class StoreError(KGError):
    """A store cannot be opened or written."""


def bad_choice(what: str, value: object, valid: Iterable[object]) -> OptionError:
    """Build the standard "unknown X" error that lists the valid options.

    Examples
    --------
    >>> str(bad_choice("format", "xml", ["turtle", "trig"]))
    "unknown format 'xml'; valid: trig, turtle"
    """
    options = ", ".join(sorted(str(v) for v in valid))
    return OptionError(f"unknown {what} {value!r}; valid: {options}")
