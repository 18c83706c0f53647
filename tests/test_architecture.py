"""The shape of the package: data flows one way, and no import hides a cycle.

Every import of a kamervragen module counts, also one inside a function or under
``TYPE_CHECKING``: an import moved into a function to dodge a cycle is still a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kamervragen

PACKAGE = Path(kamervragen.__file__).parent

# Each part of kamervragen by layer, lowest first: a part imports only parts of lower
# layers (sources → parse → record → store → search/stats → api/web/cli).
LAYERS: list[set[str]] = [
    {"errors", "text"},  # pure helpers, nothing of kamervragen beneath them
    {"record", "extras", "dates"},
    {"readers"},
    {"parsing", "indexing", "commitments", "people"},  # people: persons, pure
    {"kamervragen"},  # the package itself: parse_file and friends
    {"storage"},
    {"deadlines", "embeddings"},
    {"search"},  # filters by deadline status
    {"ingest"},
    {"alerts"},  # subscriptions matched against what changed; e-mail, webhooks
    {"sources"},
    {"web"},
    {"cli"},
    {"__main__"},
]
LAYER = {part: i for i, parts in enumerate(LAYERS) for part in parts}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """The kamervragen modules that ``path`` imports, anywhere in it, with their lines."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            # ``from kamervragen.x import y``: y may be a module of its own.
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        for name in names:
            if name == "kamervragen" or name.startswith("kamervragen."):
                yield name, node.lineno


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for name, _ in _imports(path):
            if name in modules and name != module:
                graph[module].add(name)
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_part_has_a_layer() -> None:
    parts = {_part(_module(p)) for p in PACKAGE.rglob("*.py")}
    assert parts - set(LAYER) == set(), "add the new part to LAYERS"


def test_parts_import_only_parts_beneath_them() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        source = _part(_module(path))
        for name, line in _imports(path):
            target = _part(name)
            if target != source and LAYER.get(target, -1) >= LAYER.get(source, -1):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {source} imports {name}")
    assert wrong == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = _graph()
    cycles = [c for c in _components(graph) if len(c) > 1]
    assert cycles == []


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def test_the_checks_see_a_cycle_and_a_wrong_direction() -> None:
    """The checks above can fail: a made-up cycle is found, and storage importing search
    is a wrong direction."""
    assert _components({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"], ["c"]]
    assert LAYER["search"] > LAYER["storage"] and LAYER["parsing"] > LAYER["readers"]
