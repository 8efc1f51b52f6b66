"""The package keeps its one-way data flow: each stage imports only earlier stages and shared types."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# Stages in data-flow order; a module may import its own stage or earlier ones, never a later one.
STAGES: list[tuple[str, ...]] = [
    ("kg", "kg.types", "kg.errors"),
    ("kg.clean", "kg.headers", "kg.article", "kg.ingest", "kg.lexicon", "kg.places"),
    ("kg.nlp", "kg.nlp_attributes", "kg.nlp_types", "kg.nlp_cues", "kg.nlp_gazetteer"),
    ("kg.extract",),
    ("kg.resolve",),
    ("kg.rdf",),
    ("kg.store_backends", "kg.store"),
    ("kg.export", "kg.validate", "kg.query", "kg.api"),
    ("kg.analysis", "kg.viz", "kg.serve_workers", "kg.serve", "kg.eval"),
    ("kg.engines", "kg.pipeline"),
    ("kg.cli",),
]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int:
    """Index of the stage whose longest prefix names the module (``kg`` itself only by exact name)."""
    matches = [(len(prefix), index) for index, prefixes in enumerate(STAGES) for prefix in prefixes
               if module == prefix or (prefix != "kg" and module.startswith(prefix + "."))]
    assert matches, f"{module} is in no stage of tests/test_architecture.py"
    return max(matches)[1]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "kg":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kg")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module(p))
def test_imports_only_earlier_stages(path):
    module = _module(path)
    later = sorted(m for m in _imports(path) if m != "kg" and _stage(m) > _stage(module))
    assert not later, f"{module} (stage {_stage(module)}) imports later stages: {later}"


def test_every_module_has_a_stage():
    for path in MODULES:
        _stage(_module(path))
