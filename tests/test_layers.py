"""The package's layers, read from its source with `ast`: no import circles, and no arrow from
the core up to the output or the views."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "glossary_cli"

# Arrows that other work in progress removes; each names the work. Nothing else may join them.
KNOWN_UP_TO_OUTPUT: set[tuple[str, str]] = set()
KNOWN_CIRCLES_THROUGH_FUNCTIONS: set[frozenset[str]] = set()


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(body: list[ast.stmt], in_functions: bool, type_checking: bool) -> Iterator[ast.stmt]:
    """Import statements of `body`: at module level (in if/try blocks too); with `in_functions`
    also those inside functions and classes; with `type_checking` also the type checker's."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            if type_checking:
                yield from _imports(node.body, in_functions, type_checking)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if in_functions:
                yield from _imports(node.body, in_functions, type_checking)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    yield from _imports(inner, in_functions, type_checking)


def _targets(node: ast.stmt) -> Iterator[str]:
    """The package's modules an import statement loads (`from pkg import mod` loads pkg.mod)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        assert isinstance(node, ast.ImportFrom)
        assert node.level == 0, "the package uses absolute imports"
        base = node.module or ""
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    yield from (name for name in names if name in MODULES)


@cache
def graph(in_functions: bool = False, type_checking: bool = False) -> dict[str, set[str]]:
    """Each module and the modules of the package it imports."""
    out: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = out.setdefault(name, set())
        for node in _imports(tree.body, in_functions, type_checking):
            found.update(target for target in _targets(node) if target != name)
    return out


def circles(arrows: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in arrows.get(node, ()):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.add(frozenset(group))

    for node in sorted(arrows):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports() -> None:
    """The reader of the source finds what is there (else the tests below prove nothing)."""
    # render imports each format's view inside a function; plain, the results at the top
    assert "glossary_cli.views.plain" not in graph()["glossary_cli.views.render"]
    assert "glossary_cli.views.plain" in graph(in_functions=True)["glossary_cli.views.render"]
    assert "glossary_cli.results" in graph()["glossary_cli.views.plain"]
    assert "glossary_cli.document.model" not in graph(in_functions=True)["glossary_cli.results"]
    assert "glossary_cli.document.model" in graph(type_checking=True)["glossary_cli.results"]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}


def test_no_import_circles_at_module_level() -> None:
    assert circles(graph()) == set()


def test_no_import_circles_counting_imports_inside_functions() -> None:
    assert circles(graph(in_functions=True)) <= KNOWN_CIRCLES_THROUGH_FUNCTIONS


def _layer(module: str) -> str:
    """The first part under the package: `views`, `cli`, `results`, ..."""
    return module.split(".")[1] if "." in module else ""


def test_nothing_below_the_views_imports_the_views_or_the_output() -> None:
    up = {"glossary_cli.views", "glossary_cli.output"}
    arrows = graph(in_functions=True, type_checking=True)
    found = {
        (module, target)
        for module, targets in arrows.items()
        if _layer(module) not in {"views", "cli", "output"}
        for target in targets
        if any(target == top or target.startswith(top + ".") for top in up)
    }
    assert found <= KNOWN_UP_TO_OUTPUT


def test_the_views_import_only_results_the_document_text_and_output() -> None:
    allowed = {"views", "results", "document", "text", "output"}
    arrows = graph(in_functions=True, type_checking=True)
    found = {
        (module, target)
        for module, targets in arrows.items()
        if _layer(module) == "views"
        for target in targets
        if _layer(target) not in allowed
    }
    assert found == set()


def test_the_terminal_helpers_never_import_the_terminal_view() -> None:
    """rich_view -> rich_tables, side_by_side -> rich_article, theme: one way only."""
    arrows = graph(in_functions=True, type_checking=True)
    helpers = ["rich_article", "rich_tables", "side_by_side", "theme"]
    for helper in helpers:
        assert "glossary_cli.views.rich_view" not in arrows[f"glossary_cli.views.{helper}"]
    assert "glossary_cli.views.rich_tables" not in arrows["glossary_cli.views.side_by_side"]
    assert arrows["glossary_cli.views.theme"] == set()


def test_results_load_nothing_of_the_package() -> None:
    """Every command imports the results: they name the model's types for the checker only."""
    assert graph(in_functions=True)["glossary_cli.results"] == set()
