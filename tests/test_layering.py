"""Imports flow one way: the runtime never reaches into the corpus, training or evaluation tools, and no cycle."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vn_govie"
TOOLS = ("vn_govie.corpus", "vn_govie.training", "vn_govie.evaluation")
# what a user's command line and the tools may import; everything else is the runtime
NOT_RUNTIME = TOOLS + ("vn_govie.cli", "vn_govie.__main__")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every vn_govie module ``path`` imports, at the top or inside a function."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("vn_govie"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("vn_govie"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules} - {module}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_the_runtime_never_imports_the_corpus_training_or_evaluation_tools():
    leaks = {module: sorted(i for i in imports if i.startswith(TOOLS))
             for module, imports in _graph().items() if not module.startswith(NOT_RUNTIME)}
    assert {m: i for m, i in leaks.items() if i} == {}


def test_no_import_cycle_between_modules():
    graph = _graph()
    cycles = []

    def visit(node, path):
        for nxt in graph.get(node, ()):
            if nxt.endswith("__init__") or nxt == "vn_govie":
                continue
            if nxt in path:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif len(path) < 12:
                visit(nxt, path + [nxt])

    for start in graph:
        visit(start, [start])
    assert cycles == []
