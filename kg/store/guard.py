"""Query clauses the store refuses to run.

SPARQL 1.1 ``SERVICE <url> { ... }`` makes the engine send an HTTP request to whatever address the
query names: through ``kg serve`` or any application that passes user queries on, a client could make
this machine call internal services (server-side request forgery). The store runs no federated query;
the clause is refused with an error that quotes it. The word inside an IRI, a string or a comment is
not a clause.
"""
from __future__ import annotations

import re

#: what is masked before looking for the keyword: IRIs, long and short strings, comments
_OPAQUE = re.compile(
    r"<[^<>\"{}|^`\\\s]*>"
    r"|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def service_clause(sparql: str) -> str | None:
    """The first ``SERVICE`` clause of a query (up to its ``{``), or None.

    Examples
    --------
    >>> service_clause('SELECT * WHERE { SERVICE <http://10.0.0.1/x> { ?s ?p ?o } }')
    'SERVICE <http://10.0.0.1/x>'
    >>> service_clause('SELECT * WHERE { ?s rdfs:label "customer service" } # no SERVICE here') is None
    True
    """
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)
    found = _SERVICE.search(masked)
    if found is None:
        return None
    brace = sparql.find("{", found.start())
    return " ".join(sparql[found.start(): brace if brace > 0 else found.end()].split())
