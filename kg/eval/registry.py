"""The benchmark registry: name -> module with ``evaluate``, and ``run`` (see ``kg.eval``)."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module

from kg.errors import OptionError, bad_choice
from kg.eval.scoring import EvalReport, make_row

#: benchmark name -> module holding its ``evaluate``; imported lazily so `kg eval gold` stays quick.
BENCHMARKS: dict[str, str] = {
    "knowledgenet": "kg.eval.knowledgenet",
    "redocred": "kg.eval.redocred",
    "webnlg": "kg.eval.webnlg",
    "wikiann-fr": "kg.eval.wikiann",
    "sentivent": "kg.eval.sentivent",
    "gold": "kg.eval.gold",
    "meantime": "kg.eval.meantime",
    "entities-sentivent": "kg.eval.entity_audit",
    "entities-wikinews-fr": "kg.eval.entity_audit",
    "relx-fr": "kg.eval.relx",
    "event-merge": "kg.eval.event_merge",
}

#: extra keyword -> the benchmarks whose ``evaluate`` takes it
OPTIONS: dict[str, tuple[str, ...]] = {
    "events": ("meantime",),
    "out": ("entities-sentivent", "entities-wikinews-fr", "relx-fr"),
}

def _evaluator(name: str) -> Callable[..., EvalReport]:
    module = import_module(BENCHMARKS[name])
    if name.startswith("entities-"):  # one audit module serves every corpus
        return partial(module.evaluate, corpus=name.removeprefix("entities-"))
    return module.evaluate


def run(benchmark: str, *, split: str | None = None, limit: int | None = None, **options) -> EvalReport:
    """Score the product on ``benchmark`` (or ``"all"``) and return the report.

    Parameters
    ----------
    benchmark : str
        One of ``BENCHMARKS`` or ``"all"``.
    split : str, optional
        Benchmark-specific (KnowledgeNet: ``train`` = folds 1-2, ``test`` = fold 3); default per benchmark.
    limit : int, optional
        Score only the first ``limit`` documents (sentences for WikiANN).
    **options
        ``events=True`` (meantime: event coreference too), ``out=Path`` (entities-*: write the audit
        list there); a false or None option counts as not given.

    Examples
    --------
    >>> print(run("knowledgenet", split="train", limit=2).rows[0].label)
    CEO
    """
    options = {k: v for k, v in options.items() if v}
    for key in options:
        if key not in OPTIONS:
            raise bad_choice("eval option", key, sorted(OPTIONS))
        if benchmark not in OPTIONS[key]:
            raise OptionError(f"option {key!r} applies only to {', '.join(OPTIONS[key])}, not to {benchmark!r}")
    if benchmark == "all":
        parts = tuple(_evaluator(name)(split=None, limit=limit) for name in BENCHMARKS)
        micro = make_row("micro", sum(p.micro.tp for p in parts), sum(p.micro.fp for p in parts),
                         sum(p.micro.fn for p in parts))
        return EvalReport("all", None, (), micro, sum(p.items for p in parts), (), parts)
    if benchmark not in BENCHMARKS:
        raise bad_choice("benchmark", benchmark, [*BENCHMARKS, "all"])
    return _evaluator(benchmark)(split=split, limit=limit, **options)
