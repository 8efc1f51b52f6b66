"""Query clauses the store refuses to run.

SPARQL 1.1 ``SERVICE <url> { ... }`` makes the engine send an HTTP request to whatever address the
query names: through ``kg serve`` or any application that passes user queries on, a client could make
this machine call internal services (server-side request forgery). The store runs no federated query
unless the caller names the hosts it may call (``kg serve --allow-service HOST``); any other clause is
refused with an error that quotes it. The word inside an IRI, a string or a comment is not a clause.
"""
from __future__ import annotations

import re
import urllib.parse
from collections.abc import Collection

from kg.errors import QueryError

#: what is masked before looking for the keyword: IRIs, long and short strings, comments
_OPAQUE = re.compile(
    r"<[^<>\"{}|^`\\\s]*>"
    r"|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
#: a SERVICE target written as a full IRI (a variable or a prefixed name is never allowed: it is not checked)
_TARGET = re.compile(r"SERVICE\s+(?:SILENT\s+)?<([^<>\s]*)>\s*$", re.IGNORECASE)


def service_clause(sparql: str) -> str | None:
    """The first ``SERVICE`` clause of a query (up to its ``{``), or None.

    Examples
    --------
    >>> service_clause('SELECT * WHERE { SERVICE <http://10.0.0.1/x> { ?s ?p ?o } }')
    'SERVICE <http://10.0.0.1/x>'
    >>> service_clause('SELECT * WHERE { ?s rdfs:label "customer service" } # no SERVICE here') is None
    True
    """
    return next(_clauses(sparql), None)


def refused_service(sparql: str, allowed: Collection[str] = ()) -> str | None:
    """The first ``SERVICE`` clause whose target is not an IRI on one of the ``allowed`` hosts, or None.

    Examples
    --------
    >>> q = 'SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }'
    >>> refused_service(q, ["query.wikidata.org"]) is None
    True
    >>> refused_service(q, ["wikidata.org"])
    'SERVICE <https://query.wikidata.org/sparql>'
    """
    hosts = {host.strip().lower() for host in allowed}
    for clause in _clauses(sparql):
        target = _TARGET.match(clause)
        host = urllib.parse.urlsplit(target.group(1)).hostname if target else None
        if host is None or host.lower() not in hosts:
            return clause
    return None


def _clauses(sparql: str):
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)
    for found in _SERVICE.finditer(masked):
        brace = sparql.find("{", found.start())
        yield " ".join(sparql[found.start(): brace if brace > 0 else found.end()].split())


def check_service(sparql: str, allow_service: Collection[str] = ()) -> None:
    """Raise :class:`~kg.errors.QueryError` naming the first ``SERVICE`` clause whose host is not allowed."""
    clause = refused_service(sparql, allow_service)
    if clause is not None:
        hosts = f"only to {', '.join(sorted(allow_service))}" if allow_service else "no requests"
        raise QueryError(f"federated queries are not allowed: {clause!r} (the store sends {hosts}; "
                         "--allow-service HOST allows a host)")
