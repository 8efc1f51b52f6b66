"""Stage 2, nlp: spaCy pipelines with our registered components (outputs on ``doc._``).

| module | owns |
|---|---|
| :mod:`kg.nlp.pipelines` | ``get_pipeline(lang)`` (cached), ``parse(articles)``, date patterns |
| :mod:`kg.nlp.attributes` | the model's attribute ruler and lemmatizer, memoised with identical annotations |
| :mod:`kg.nlp.types` | entity clean-up and the type vote (components ``kg.entity_cleanup``, ``kg.type_vote``) |
| :mod:`kg.nlp.cues` | word cues read from ``data/gazetteers/cues.tsv`` |
| :mod:`kg.nlp.gazetteer` | the company and place gazetteer as an entity ruler |
"""
from __future__ import annotations

from kg.nlp.pipelines import MODELS, date_patterns, find_dates, get_pipeline, parse

__all__ = ["MODELS", "date_patterns", "find_dates", "get_pipeline", "parse"]
