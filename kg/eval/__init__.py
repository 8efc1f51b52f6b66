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
| gold | ``data/gold/*.json``, ``data/gold/wikinews-fr/*.json`` | all, sample, wikinews-fr | entity types, predicates, event types; ``detect.*`` event detection |
| meantime | ``../shared/benchmarks/meantime/all.jsonl`` | all | PER, ORG, LOC, PRO; entity B-cubed; ``events=True``: event coreference |
| entities-sentivent | SENTiVENT train+dev texts | all | entity audit; typing precision on ``data/gold/entity_typing_sentivent.tsv`` |
| entities-wikinews-fr | ``../shared/corpora/wikinews-fr`` | all | entity audit; typing precision; WiNER typing P/R/F1 |
| relx-fr | ``../shared/benchmarks/relx-fr/dev.jsonl`` | dev (test kept aside) | KBP37 labels mapped to our predicates; precision on the marked pair |

Options beyond ``split`` and ``limit`` (``events``, ``out``) go only to the benchmarks listed for them in
``OPTIONS``; giving one to another benchmark is an error.
"""
from __future__ import annotations

from kg.eval.registry import BENCHMARKS, OPTIONS, run
from kg.eval.scoring import EvalReport, Row

__all__ = ["BENCHMARKS", "OPTIONS", "EvalReport", "Row", "run"]
