"""Default limits of ``kg serve``, read by the command without loading the server."""
from __future__ import annotations

MAX_BODY = 1_000_000
"""Largest request body in bytes (a SPARQL query is a few KB): a larger one gets 413."""
MEMORY_MB = 1024
"""Memory cap of one query worker in MB (its address space, ``RLIMIT_AS``)."""
