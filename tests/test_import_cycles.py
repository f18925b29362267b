"""No import cycle among kerne's own modules, type-only imports included.

The graph is read from the source with ``ast``, not from ``sys.modules``: an import under
``if TYPE_CHECKING:`` or inside a function is a dependency all the same, and a cycle through one
is the coupling the rooms are meant not to have.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kerne_tui"
ROOT = PACKAGE.name


def module_name(path: Path) -> str:
    """``kerne_tui.tui.app`` for kerne_tui/tui/app.py, ``kerne_tui.tui`` for its __init__.py."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def named_imports(tree: ast.AST, name: str, is_package: bool) -> Iterator[str]:
    """Every dotted name an import in *tree* refers to, relative imports made absolute.

    ``from a.b import c`` yields both ``a.b`` and ``a.b.c``: c may be a module or a name in
    a.b, and the caller keeps what is a module.
    """
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def import_graph(found: dict[str, Path]) -> dict[str, set[str]]:
    """For every module, the package's modules it imports.

    Importing ``a.b.c`` also runs ``a`` and ``a.b``: a package's ``__init__`` counts as a
    dependency of every module imported through it, as Python executes it first.
    """
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for imported in named_imports(tree, name, path.name == "__init__.py"):
            if not (imported == ROOT or imported.startswith(ROOT + ".")):
                continue
            parts = imported.split(".")
            for end in range(1, len(parts) + 1):
                prefix = ".".join(parts[:end])
                if prefix in found and prefix != name and not name.startswith(prefix + "."):
                    targets.add(prefix)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_no_module_of_the_package_imports_itself_round_a_cycle() -> None:
    found = cycles(import_graph(modules()))
    assert found == [], "import cycles (type-only imports count too): " + "; ".join(
        " <-> ".join(group) for group in found
    )


def test_the_graph_sees_type_only_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import keys\n"
        "if TYPE_CHECKING:\n"
        "    from kerne_tui.tui.app import KerneApp\n"
    )
    found = set(named_imports(ast.parse(source), "kerne_tui.tui.screens", False))
    assert {"kerne_tui.tui.keys", "kerne_tui.tui.app"} <= found


def test_the_check_finds_a_cycle_through_a_type_only_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
