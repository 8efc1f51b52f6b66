"""``kg eval``: score the product's extraction on public benchmarks and on our own gold files.

Each benchmark is one module with an ``evaluate(*, split=None, limit=None) -> EvalReport`` function,
registered in ``BENCHMARKS``; ``run("all")`` runs every one on its default split.

| name | data | default split | labels |
|---|---|---|---|
| knowledgenet | ``../shared/benchmarks/knowledgenet`` | test (fold 3) | CEO, DATE_FOUNDED, FOUNDED_BY, HEADQUARTERS, SUBSIDIARY_OF |
| redocred | ``../shared/benchmarks/re-docred/dev_revised.json`` | dev | Wikidata codes mapped to our predicates |
| webnlg | ``../shared/benchmarks/webnlg/dev`` | dev | DBpedia properties of category Company |
| wikiann-fr | ``../shared/benchmarks/wikiann-fr/dev`` | dev | PER, ORG, LOC |
| sentivent | ``../shared/benchmarks/sentivent-events`` | dev (test kept aside) | SENTiVENT event types mapped to ours |
| gold | ``data/gold/*.json`` | all | entity types, predicates, event types |
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from kg.errors import bad_choice
from kg.eval.scoring import EvalReport, Row, make_row

#: benchmark name -> module holding its ``evaluate``; imported lazily so `kg eval gold` stays quick.
BENCHMARKS: dict[str, str] = {
    "knowledgenet": "kg.eval.knowledgenet",
    "redocred": "kg.eval.redocred",
    "webnlg": "kg.eval.webnlg",
    "wikiann-fr": "kg.eval.wikiann",
    "sentivent": "kg.eval.sentivent",
    "gold": "kg.eval.gold",
}

__all__ = ["BENCHMARKS", "EvalReport", "Row", "run"]


def _evaluator(name: str) -> Callable[..., EvalReport]:
    return import_module(BENCHMARKS[name]).evaluate


def run(benchmark: str, *, split: str | None = None, limit: int | None = None) -> EvalReport:
    """Score the product on ``benchmark`` (or ``"all"``) and return the report.

    Parameters
    ----------
    benchmark : str
        One of ``BENCHMARKS`` or ``"all"``.
    split : str, optional
        Benchmark-specific (KnowledgeNet: ``train`` = folds 1-2, ``test`` = fold 3); default per benchmark.
    limit : int, optional
        Score only the first ``limit`` documents (sentences for WikiANN).

    Examples
    --------
    >>> print(run("knowledgenet", split="train", limit=2).rows[0].label)
    CEO
    """
    if benchmark == "all":
        parts = tuple(_evaluator(name)(split=None, limit=limit) for name in BENCHMARKS)
        micro = make_row("micro", sum(p.micro.tp for p in parts), sum(p.micro.fp for p in parts),
                         sum(p.micro.fn for p in parts))
        return EvalReport("all", None, (), micro, sum(p.items for p in parts), (), parts)
    if benchmark not in BENCHMARKS:
        raise bad_choice("benchmark", benchmark, [*BENCHMARKS, "all"])
    return _evaluator(benchmark)(split=split, limit=limit)
