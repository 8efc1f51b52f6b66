"""Real English text for the benchmarks: Re-DocRED (Wikipedia) and KnowledgeNet documents.

Re-DocRED ships tokenised sentences; they are detokenised with a few rules. KnowledgeNet ships the
annotated passages of each document; they are joined in document order. Documents of the two sets
alternate, so any prefix of the stream mixes long and short articles.
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
REDOCRED = SHARED / "re-docred" / "dev_revised.json"
KNOWLEDGENET = SHARED / "knowledgenet" / "folds1-3.jsonl"

_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'d\b|'ll\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(tokens: list[str]) -> str:
    """Join tokens as running text.

    >>> detokenize(["Xiaomi", "(", "China", ")", "opened", "stores", ",", "it", "said", "."])
    'Xiaomi (China) opened stores, it said.'
    """
    text = " ".join(tokens)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def redocred() -> Iterator[dict]:
    for n, doc in enumerate(json.loads(REDOCRED.read_text(encoding="utf-8"))):
        yield {"id": f"redocred-{n}", "title": doc["title"],
               "text": "\n".join(detokenize(s) for s in doc["sents"])}


def knowledgenet() -> Iterator[dict]:
    with KNOWLEDGENET.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            passages = sorted(doc["passages"], key=lambda p: p["passageStart"])
            yield {"id": f"knowledgenet-{doc['documentId']}", "title": "",
                   "text": " ".join(p["passageText"] for p in passages)}


def documents(limit: int | None = None, *, copies: bool = False) -> list[dict]:
    """Up to ``limit`` real documents (all 3,455 unique ones at most).

    With ``copies``, the stream cycles with new ids once the unique documents are used up, for
    memory benchmarks that need more articles than the sets hold (each copy is a distinct article).
    """
    mixed = [d for pair in itertools.zip_longest(redocred(), knowledgenet()) for d in pair if d]
    if not copies:
        return mixed[:limit]
    out = []
    for round_ in itertools.count():
        for doc in mixed:
            if limit is not None and len(out) >= limit:
                return out
            out.append(doc | {"id": f"{doc['id']}-copy{round_}"} if round_ else doc)
        if limit is None:
            return out


def write_jsonl(docs: list[dict], path: Path) -> Path:
    """Write documents as a kg JSONL input (English stated, so no language detection)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            record = {"id": doc["id"], "text": doc["text"], "lang": "en"}
            if doc.get("title"):
                record["title"] = doc["title"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)
