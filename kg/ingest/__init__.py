"""Stage 1, ingest: files in, :class:`~kg.types.Article` out.

| module | owns |
|---|---|
| :mod:`kg.ingest.read` | reading .txt / .html / .jsonl files and folders: encodings, front matter, HTML main text |
| :mod:`kg.ingest.article` | one Article from text: language, publication date, noise spans, content hash |
| :mod:`kg.ingest.clean` | noise spans (page furniture, teasers, social embeds): masked, never cut |
| :mod:`kg.ingest.headers` | the header's date and title, dated sections |
"""
from __future__ import annotations

from kg.ingest.article import detect_language, make_article, masked_text, segments
from kg.ingest.read import read_inputs, split_front_matter

__all__ = ["detect_language", "make_article", "masked_text", "read_inputs", "segments", "split_front_matter"]
