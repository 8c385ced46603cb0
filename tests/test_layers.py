"""The layers, as the README's layout table draws them: each package imports only the layers
below it, and no module imports itself back through a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What each layer may import of the course's own packages (itself included).
ALLOWED = {
    "moves": {"moves"},
    "widgets": {"moves", "widgets"},
    "authoring": {"moves", "widgets", "authoring"},
    "server": {"moves", "widgets", "server"},
}


def course_imports(path: Path) -> set[str]:
    """The course modules `path` imports anywhere in it (functions included), dotted."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in ALLOWED}


def modules() -> dict[str, Path]:
    found = {}
    for package in ALLOWED:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    assert len(found) > 40, found  # every package was found
    return found


def test_each_layer_imports_only_the_layers_below_it():
    wrong = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        for imported in course_imports(path)
        if imported.split(".")[0] not in ALLOWED[name.split(".")[0]]
    ]
    assert wrong == []


def test_no_module_imports_itself_back_through_a_circle():
    known = modules()
    graph = {
        name: {i for i in course_imports(path) if i in known and i != name}
        for name, path in known.items()
    }
    # A package's __init__ re-exporting its modules is not a circle of the code.
    def reexport(name: str, imported: str) -> bool:
        return name.startswith(f"{imported}.") and known[imported].name == "__init__.py"

    graph = {name: {i for i in edges if not reexport(name, i)} for name, edges in graph.items()}
    circles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


@pytest.mark.parametrize("layer", ["moves", "authoring"])
def test_a_layer_loads_no_higher_layer_when_imported(layer):
    """At run time too: importing every module of `moves` loads no view, server or builder,
    and the builder loads no server."""
    names = [n for n in modules() if n.split(".")[0] == layer]
    higher = sorted({"moves", "widgets", "authoring", "server"} - ALLOWED[layer])
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {higher!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
