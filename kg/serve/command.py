"""The ``kg serve`` command: its options, kept beside the server they configure."""
from __future__ import annotations

import click

from kg.serve.limits import MAX_BODY, MEMORY_MB


@click.command()
@click.argument("store")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Per-query timeout in seconds.")
@click.option("--limit", default=10000, show_default=True, type=click.IntRange(1), help="Maximum result rows.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (queries answered in parallel).")
@click.option("--memory", "memory_mb", default=MEMORY_MB, show_default=True, type=click.IntRange(64),
              help="Memory cap of one query worker in MB: a query past it gets 503.")
@click.option("--max-body", default=MAX_BODY, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes: a larger one gets 413.")
@click.option("--fast-workers", default=1, show_default=True, type=click.IntRange(0, 64),
              help="Workers of their own for queries a cost check finds cheap (0: none).")
@click.option("--fast-timeout", default=0.5, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a cheap-looking query may take on them before it is run again by the others.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
              help="A host SPARQL SERVICE may call (repeatable); without it SERVICE is refused.")
def serve(store: str, host: str, port: int, timeout: float, limit: int, workers: int = 2, memory_mb: int = MEMORY_MB,
          max_body: int = MAX_BODY, allow_service: tuple[str, ...] = (), fast_workers: int = 1,
          fast_timeout: float = 0.5) -> None:
    """Serve STORE as a read-only SPARQL 1.1 endpoint, with the HTML graph explorer at /.

    \b
    Example:
      kg serve out --port 7878
      curl 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%205'
      kg serve out --workers 4 --memory 2048 --allow-service query.wikidata.org
    """
    from kg.serve.server import serve as run_serve

    run_serve(store, host=host, port=port, timeout=timeout, limit=limit, workers=workers, memory_mb=memory_mb,
              max_body=max_body, allow_service=allow_service, fast_workers=fast_workers, fast_timeout=fast_timeout)
