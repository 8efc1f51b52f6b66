"""The `kg` command line: a thin click layer over the library.

Each command parses its options, calls one library function and prints the result. User errors are
``KGError``s: printed as one line on stderr with exit status 2, never as a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import KGError
from kg.eval.commands import eval_, train
from kg.serve.command import serve as serve_command

QUERY_FORMATS = ("table", "csv", "tsv", "json")
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "graphml")
ENGINES = ("local", "dask")


class KGGroup(click.Group):
    """A group that turns library errors into one clear line and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            sys.exit(2)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name] = value
    return out


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Turn business news articles into a knowledge graph you can query and browse.

    \b
    Quick start:
      kg build data/articles -o out
      kg query out store-openings
      kg viz out -o graph.html
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="Output folder: store/, graph.trig, graph.ttl, graph.html, report.json.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction.")
@click.option("--engine", default="local", show_default=True, type=click.Choice(ENGINES),
              help="Where extraction runs: this machine, or a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
@click.option("--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
@click.option("--export", "exports", default=None, metavar="LIST",
              help="Dumps to write: trig,ttl,html, all or none (default: all up to 200,000 triples, none above).")
@click.option("--no-prune", is_flag=True, help="Keep stored articles that are no longer in INPUTS.")
def build(inputs: tuple[Path, ...], out: Path, workers: int, engine: str, scheduler: str | None,
          quiet: bool = False, exports: str | None = None, no_prune: bool = False) -> None:
    """Build the graph of INPUTS (files or folders of .txt, .html, .jsonl) into OUT.

    \b
    Examples:
      kg build data/articles -o out
      kg build news.jsonl pages/ -o out --workers 2
      kg build news.jsonl -o out --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.explore.progress import article_progress
    from kg.pipeline import build as run_build

    tick = article_progress(inputs, quiet=quiet)
    report = run_build(list(inputs), out, workers=workers, engine=engine, scheduler=scheduler, progress=tick,
                       exports=exports, prune=not no_prune)
    tick.close()
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction.")
@click.option("--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
@click.option("--export", "exports", default=None, metavar="LIST",
              help="Dumps of a build output to rewrite: trig,ttl,html or all (default none: listed as stale).")
@click.option("--replace", is_flag=True, help="Replace stored articles of the same id from other files.")
def add(store: Path, inputs: tuple[Path, ...], workers: int, quiet: bool = False, exports: str | None = None,
        replace: bool = False) -> None:
    """Add INPUTS to an existing STORE (or build output): unchanged articles are skipped.

    \b
    Examples:
      kg add out new-articles/
      kg add out/store today.jsonl
    """
    from kg.explore.progress import article_progress
    from kg.pipeline import add as run_add

    tick = article_progress(inputs, quiet=quiet)
    report = run_add(store, list(inputs), workers=workers, progress=tick, exports=exports, replace=replace)
    tick.close()
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("article")
def remove(store: Path, article: str) -> None:
    """Remove ARTICLE (its id, e.g. a file name, or its IRI) and all its facts from STORE.

    \b
    Example:
      kg remove out xiaomi-paris-2018-fr.txt
    """
    from kg.pipeline import remove as run_remove

    if not run_remove(store, article):
        raise KGError(f"no article {article!r} in {store}")
    click.echo(f"removed {article}")
    from kg.store.outputs import stale_exports

    if stale := stale_exports(store):
        click.echo(f"stale exports (the store changed since they were written): {', '.join(stale)}")


@main.command()
@click.argument("graph")
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the SPARQL query from a .rq file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter of a named query, e.g. --param company=Xiaomi (repeatable).")
@click.option("-f", "--format", "fmt", default="table", show_default=True, type=click.Choice(QUERY_FORMATS),
              help="Output format.")
@click.option("--timeout", default=None, type=float, help="Stop the query after this many seconds.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
              help="A host SPARQL SERVICE may call (repeatable); without it SERVICE is refused.")
@click.option("--memory", "memory_mb", default=None, type=click.IntRange(64), help="Stop the query past this many MB.")
def query(graph: str, query: str | None, query_file: Path | None, params: tuple[str, ...], fmt: str,
          timeout: float | None, allow_service: tuple[str, ...] = (), memory_mb: int | None = None) -> None:
    """Run a SPARQL QUERY (text, or the name of a competency query) on GRAPH.

    GRAPH is a build output folder, a store folder or an RDF file. Prefixes kg:, id:, schema:, prov:,
    rdfs:, skos:, owl:, xsd: are predefined. Named queries are the .rq files of ontology/queries/.

    \b
    Examples:
      kg query out "SELECT ?c WHERE { ?c a kg:Company }"
      kg query out store-openings --param company=Xiaomi
      kg query out.trig --file my.rq -f csv
    """
    from kg.query import format_result
    from kg.query.killable import run_query_stoppable

    if (query is None) == (query_file is None):
        raise click.UsageError("give either QUERY or --file")
    text = query if query is not None else str(query_file)
    result = run_query_stoppable(graph, text, params=_params(params), timeout=timeout,  # Ctrl-C stops it too
                                 allow_service=allow_service, memory_mb=memory_mb)
    click.echo(format_result(result, fmt))


@main.command()
@click.argument("graph")
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--focus", default=None, help="Only the neighbourhood of this entity (label or IRI).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 10), help="Radius around --focus.")
@click.option("--types", default=None, help="Comma-separated entity types to keep, e.g. Company,Person.")
@click.option("--since", default=None, help="Keep events on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Keep events on or before this date (YYYY[-MM[-DD]]).")
@click.option("--max-nodes", default=150, show_default=True, type=click.IntRange(1, 100000),
              help="Node budget: above it the most important part is kept.")
@click.option("--isolated", is_flag=True, help="Also show nodes linked to no other shown node.")
def viz(graph: str, out: Path, focus: str | None, hops: int, types: str | None, since: str | None,
        until: str | None, max_nodes: int, isolated: bool = False) -> None:
    """Write an interactive, self-contained HTML graph of GRAPH.

    \b
    Examples:
      kg viz out -o graph.html
      kg viz out -o xiaomi.html --focus Xiaomi --hops 2 --types Company,Place
    """
    from kg.explore.html import render

    type_list = [t.strip() for t in types.split(",") if t.strip()] if types else None
    report = render(graph, out, focus=focus, hops=hops, types=type_list, since=since, until=until,
                    max_nodes=max_nodes, isolated=isolated)
    if not (focus or types or since or until):  # a filtered view is not the output's graph.html
        from kg.store.outputs import exported

        exported(graph, out, "html")
    click.echo(str(report))


@main.command()
@click.argument("graph")
@click.option("--company", default=None, help="Only the events this entity (name or IRI) takes part in.")
@click.option("--html", "html_out", default=None, type=click.Path(path_type=Path),
              help="Write the interactive timeline page here instead of printing a table.")
def timeline(graph: str, company: str | None, html_out: Path | None) -> None:
    """Print the events of GRAPH in time order. Example: kg timeline out --company Xiaomi"""
    from kg.explore.timeline import format_table, timeline as events

    if html_out is not None:
        from kg.explore.timeline_page import write_timeline

        click.echo(f"wrote {write_timeline(graph, html_out, company=company)}")
        return
    click.echo(format_table(events(graph, company=company)))


@main.command()
@click.argument("graph")
@click.argument("name")
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
def profile(graph: str, name: str, out: Path) -> None:
    """Write the dossier of company NAME in GRAPH: identity, events, neighbourhood, sourced statements.

    \b
    Example:
      kg profile out "Nordwind Coffee" -o nordwind.html
    """
    from kg.explore.dossier import profile as dossier

    d = dossier(graph, name, out)
    click.echo(f"wrote {out}: {d.profile.label} ({d.profile.type}), {len(d.events)} event(s), "
               f"{len(d.statements)} statement(s)")


@main.command()
@click.argument("graph")
@click.option("-f", "--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]),
              help="Output format.")
def stats(graph: str, fmt: str) -> None:
    """Counts by type and relation, top entities, communities and events per month of GRAPH.

    \b
    Example:
      kg stats out
    """
    from kg.explore.analysis import stats as compute

    result = compute(graph)
    click.echo(result.table() if fmt == "table" else result.to_json())


@main.command()
@click.argument("graph")
@click.option("--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def validate(graph: str, quiet: bool = False) -> None:
    """Check GRAPH against the SHACL shapes of ontology/shapes.ttl.

    \b
    Example:
      kg validate out
    """
    from kg.explore.progress import step_progress
    from kg.store.validate import validate as run_validate

    tick = step_progress("step", quiet=quiet)
    report = run_validate(graph, progress=tick)
    tick.close()
    click.echo(report.text)
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("graph")
@click.option("-f", "--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS), help="Output format.")
@click.option("-o", "--out", "out", default=None, type=click.Path(path_type=Path),
              help="File to write (default: standard output).")
@click.option("--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def export(graph: str, fmt: str, out: Path | None, quiet: bool = False) -> None:
    """Export GRAPH as Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML (for Gephi).

    \b
    Examples:
      kg export out -f jsonld -o graph.jsonld
      kg export out -f graphml -o graph.graphml
    """
    from kg.explore.progress import step_progress
    from kg.store.export import export as run_export

    tick = step_progress("graph", quiet=quiet or out is None)
    data = run_export(graph, fmt, out, progress=tick)
    tick.close()
    if out is not None:
        from kg.store.outputs import exported

        exported(graph, out, fmt)
    if out is None:
        sys.stdout.buffer.write(data)


main.add_command(eval_)
main.add_command(train)
main.add_command(serve_command, "serve")

if __name__ == "__main__":  # pragma: no cover
    main()
