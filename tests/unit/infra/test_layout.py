"""The layout rules a reviewer would check by hand (docs/ARCHITECTURE.md), checked on every run.

- services never import Reflex, and no layer imports one above it;
- no service module is longer than 500 lines;
- no import circle between the app's modules (imports at module level, as Python runs them).
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[3] / "collab_app"
MAX_SERVICE_LINES = 500
# Lower layers first; a module may import its own layer or any layer before it.
LAYERS = ["models", "services", "state", "components", "pages"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in APP.rglob("*.py")}


def _top_level_imports(path: Path) -> list[str]:
    """The app modules a module imports when loaded (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for child in [node] if not isinstance(node, ast.Try) else node.body:
            if isinstance(child, ast.Import):
                found += [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    submodule = f"{child.module}.{alias.name}"
                    found.append(submodule if submodule in MODULES else child.module)
    return [name for name in found if name in MODULES]


def test_services_never_import_reflex():
    offenders = [
        str(path.relative_to(APP))
        for path in (APP / "services").rglob("*.py")
        if "import reflex" in path.read_text() or "from reflex" in path.read_text()
    ]
    assert offenders == []


def test_layers_import_only_downwards():
    offenders = []
    for name, path in MODULES.items():
        layer = name.split(".")[1] if name.count(".") else ""
        if layer not in LAYERS:
            continue
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        for imported in _top_level_imports(path):
            target = imported.split(".")[1] if imported.count(".") else ""
            if target in LAYERS and target not in allowed:
                offenders.append(f"{name} -> {imported}")
    assert offenders == []


def test_no_service_module_is_over_500_lines():
    long = {
        str(path.relative_to(APP)): count
        for path in (APP / "services").rglob("*.py")
        if (count := len(path.read_text().splitlines())) > MAX_SERVICE_LINES
    }
    assert long == {}


def _with_parent_packages(importer: str, imported: str) -> set[str]:
    """What importing ``imported`` runs: its parent packages' ``__init__`` first, then itself.

    The importer's own packages are already being loaded when it runs, so they add nothing.
    """
    parts = imported.split(".")
    parents = {".".join(parts[:i]) for i in range(2, len(parts))}
    own = {importer.rsplit(".", i)[0] for i in range(importer.count(".") + 1)}
    return {imported} | {p for p in parents if p in MODULES and p not in own}


def test_no_import_circle():
    graph = {
        name: {
            run
            for imported in _top_level_imports(path)
            for run in _with_parent_packages(name, imported)
        }
        for name, path in MODULES.items()
    }
    # Tarjan's strongly connected components: any component of two or more modules is a circle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                circles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert circles == []


def test_services_and_states_import_the_app_at_module_level():
    """An app import inside a function hides a circle from the check above: none in these layers."""
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith(("collab_app.services", "collab_app.state")):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "collab_app"
                ):
                    offenders.append(f"{name}:{inner.lineno} imports {inner.module}")
    assert offenders == []
