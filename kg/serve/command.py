"""The ``kg serve`` command: its options, kept beside the server they configure."""
from __future__ import annotations

import click


@click.command()
@click.argument("store")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Per-query timeout in seconds.")
@click.option("--limit", default=10000, show_default=True, type=click.IntRange(1), help="Maximum result rows.")
def serve(store: str, host: str, port: int, timeout: float, limit: int) -> None:
    """Serve STORE as a read-only SPARQL 1.1 endpoint, with the HTML graph explorer at /.

    \b
    Example:
      kg serve out --port 7878
      curl 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%205'
    """
    from kg.serve.server import serve as run_serve

    run_serve(store, host=host, port=port, timeout=timeout, limit=limit)
