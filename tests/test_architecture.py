"""The folder tree is the pipeline: one package per stage, imports flow one way, no import circles."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# Stages in data-flow order; a module may import its own stage or earlier ones, never a later one.
# Stage 0 holds what every stage shares: the named tuples, the errors and the gazetteer readers.
STAGES: list[tuple[str, ...]] = [
    ("kg", "kg.types", "kg.errors", "kg.lexicon"),
    ("kg.ingest",),
    ("kg.nlp",),
    ("kg.extract",),
    ("kg.resolve",),
    ("kg.rdf",),
    ("kg.store",),
    ("kg.query",),
    ("kg.explore",),
    ("kg.serve",),
    ("kg.eval",),
    ("kg.engines", "kg.pipeline"),
    ("kg.cli",),
]
#: the only modules allowed at the top of the package; every stage is a package
TOP_MODULES = {"__init__", "types", "errors", "engines", "pipeline", "cli"}
MAX_LINES = 330


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int:
    """Index of the stage whose longest prefix names the module (``kg`` itself only by exact name)."""
    matches = [(len(prefix), index) for index, prefixes in enumerate(STAGES) for prefix in prefixes
               if module == prefix or (prefix != "kg" and module.startswith(prefix + "."))]
    assert matches, f"{module} is in no stage of tests/test_architecture.py"
    return max(matches)[1]


MODULES = sorted(PACKAGE.rglob("*.py"))
NAMES = {_module(p) for p in MODULES}


def _imports(path: Path) -> set[str]:
    """Every kg module ``path`` imports, at the top or inside a function (``from kg.x import y`` counts
    as importing ``kg.x.y`` when that is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "kg":
            subs = {f"{node.module}.{a.name}" for a in node.names} & NAMES
            found |= subs or {node.module}
            if len(subs) < len(node.names):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kg")
    return found - {"kg"}


GRAPH = {_module(p): _imports(p) for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module(p))
def test_imports_only_earlier_stages(path):
    module = _module(path)
    later = sorted(m for m in GRAPH[module] if _stage(m) > _stage(module))
    assert not later, f"{module} (stage {_stage(module)}) imports later stages: {later}"


def test_every_module_has_a_stage():
    for path in MODULES:
        _stage(_module(path))


def test_stages_are_packages_and_the_top_is_small():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP_MODULES, f"modules at the top of kg/ that belong in a stage package: {sorted(top - TOP_MODULES)}"
    for prefixes in STAGES[1:-2]:
        for prefix in prefixes:
            assert (PACKAGE.parent / prefix.replace(".", "/") / "__init__.py").exists(), f"{prefix} is not a package"


def test_no_module_imports_its_own_package():
    """A package's ``__init__`` re-exports its modules; a module that imports the package back would
    make a circle that only import order keeps from failing."""
    for module, imported in GRAPH.items():
        parents = {module.rsplit(".", k)[0] for k in range(1, module.count("."))}
        assert not (imported & parents), f"{module} imports its own package {sorted(imported & parents)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_anywhere():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module(p))
def test_modules_stay_readable(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_module(path)} has {lines} lines; split it by concept"
