"""The package layering (docs/architecture.md), checked on the source: which module may import which."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "find3d_core" / "find3d_core"
# Bottom: no find3d imports but each other's. Middle: inference, engine, training, deploy. Top: the CLI and demo
# (and find3d_ros, another distribution).
BOTTOM = {"geometry", "model", "text", "atomic", "errors", "memory"}
TOP = {"cli", "demo"}
SUBPACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of find3d_core."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imported(path: Path, top_level_only: bool) -> Iterator[str]:
    """Absolute names a module imports (`from a import b` gives a and a.b), lazily imported ones too unless told."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def layer(name: str) -> str:
    """find3d_core.geometry.io -> geometry; find3d_core.cli -> cli; other distributions keep their top name."""
    parts = name.split(".")
    return parts[1] if parts[0] == "find3d_core" and len(parts) > 1 else parts[0]


def test_the_bottom_layer_imports_only_the_bottom_layer():
    wrong = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if layer(name) in BOTTOM
        for target in imported(path, top_level_only=False)
        if target.startswith("find3d_core.") and layer(target) not in BOTTOM
    ]
    assert not wrong, wrong


def test_nothing_below_the_top_imports_the_cli_the_demo_or_ros():
    wrong = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if layer(name) not in TOP
        for target in imported(path, top_level_only=False)
        if layer(target) in TOP | {"find3d_ros"}
    ]
    assert not wrong, wrong


def test_no_module_import_cycle():
    """Module-level imports (what runs at import time, package __init__ files included) form no cycle."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        edges = set()
        for target in imported(path, top_level_only=True):
            parts = target.split(".")
            # Importing a.b.c runs a/__init__ and a/b/__init__ first.
            edges |= {".".join(parts[:k]) for k in range(2, len(parts) + 1)}
        graph[name] = {t for t in edges if t in known and t != name and not name.startswith(t + ".")}
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_no_subpackage_cycle_even_through_lazy_imports():
    """Between subpackages the dependency graph is a DAG, counting imports inside functions too: a lazy import
    hides a cycle from import time, not from the reader (inference uses deploy's backends, so deploy may not use
    inference; engine uses inference's preparation, so neither may use the engine)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules().items():
        deps = {layer(t) for t in imported(path, top_level_only=False) if t.startswith("find3d_core.")}
        graph.setdefault(layer(name), set()).update(deps - {layer(name)})
    graph = {node: {d for d in deps if d in graph} for node, deps in graph.items()}
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_each_subpackage_imports_in_a_fresh_interpreter(subpackage):
    """Import order cannot hide a cycle: each subpackage is imported first, on its own."""
    run = subprocess.run([sys.executable, "-c", f"import find3d_core.{subpackage}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_cycle_finder_finds_cycles():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
