"""`kg eval` and `kg train`: the click commands of the measuring stage (registered by kg.cli)."""
from __future__ import annotations

from pathlib import Path

import click

from kg.eval.registry import BENCHMARKS as EVAL_BENCHMARKS

#: `kg eval` choices: the benchmark registry of kg.eval (cheap to import: benchmarks load lazily)
BENCHMARKS = (*EVAL_BENCHMARKS, "all")


@click.command("eval")
@click.argument("benchmark", type=click.Choice(BENCHMARKS))
@click.option("--split", default=None, help="Benchmark split, e.g. train (KnowledgeNet folds 1-2) or test (fold 3).")
@click.option("--limit", default=None, type=click.IntRange(1), help="Score only the first N documents.")
@click.option("-f", "--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]),
              help="Output format.")
@click.option("--events", is_flag=True, help="meantime: score event coreference too.")
@click.option("-o", "--out", "out", default=None, type=click.Path(path_type=Path),
              help="entities-*: write the entity audit list (and a typing judgement template beside it); "
                   "relx-fr: the misses with their cause.")
@click.option("--quiet", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def eval_(benchmark: str, split: str | None, limit: int | None, fmt: str, events: bool, out: Path | None,
          quiet: bool = False) -> None:
    """Score extraction on BENCHMARK: precision, recall, F1 per relation and entity type.

    \b
    Examples:
      kg eval knowledgenet --split test
      kg eval wikiann-fr --limit 500 -f json
      kg eval gold
      kg eval meantime --events
      kg eval entities-sentivent -o audit.tsv
    """
    import sys

    from kg.eval.registry import run
    from kg.eval.system import progress_to
    from kg.explore.progress import ArticleProgress

    tick = ArticleProgress(None, stream=sys.stderr, enabled=not quiet and sys.stderr.isatty())
    with progress_to(tick):
        report = run(benchmark, split=split, limit=limit, events=events, out=out)
    tick.close()
    click.echo(report.table() if fmt == "table" else report.to_json())


@click.group()
def train() -> None:
    """Train the product's learned components (today: the English relation classifier).

    \b
    Examples:
      kg train relations
      kg train relations --folds 1,2 -o data/models/relations_en.json
    """


@train.command("relations")
@click.option("--folds", default="1,2", show_default=True,
              help="KnowledgeNet folds to train and cross-validate on (comma-separated); never fold 3.")
@click.option("-o", "--out", "out", default=Path("data/models/relations_en.json"), show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="JSON weights file to write.")
@click.option("--limit", default=None, type=click.IntRange(1), help="Train on the first N documents only.")
def train_relations(folds: str, out: Path, limit: int | None) -> None:
    """Train the relation classifier on KnowledgeNet and write its weights (same input, same bytes).

    \b
    Examples:
      kg train relations
      kg train relations --folds 1 --limit 50 -o /tmp/relations.json
    """
    from kg.eval.train import parse_folds, train_relations as run

    report = run(folds=parse_folds(folds), out=out, limit=limit)
    click.echo(report.cv.table())
    click.echo(report.fit.table())
    click.echo(f"wrote {report.path}")
