"""The house rules that hold across apps: no import cycle, no lower app importing a higher one.

The layering (docs: ARCHITECTURE.md, "The apps and who may import whom") is declared
once, in ``LAYERS``: a module may import its own layer and the layers below it. An app
named there that does not exist (yet) is skipped. Imports are read with ``ast``, not run:

- ``import a.b`` and ``from a import b`` name the module ``a.b`` when it is one, else
  the package ``a`` (``from lms.models import User`` depends on ``lms/models/__init__.py``);
  relative imports are resolved against the importing package.
- For cycles only what runs at import time counts: imports inside a function are a
  way to break a cycle, and ``if TYPE_CHECKING:`` blocks never run.
- For the layering every import counts (also inside functions), except in
  ``if TYPE_CHECKING:`` blocks: a lower app reaches a higher one through a Wagtail hook
  the higher app registers, never by importing it.

Run it as a script (``python tests/test_architecture.py``) for the full list;
``--deferred`` adds, for reading, the cycles closed by imports inside functions.
"""

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. An app may import the apps of its own layer and of the layers below.
# "bench" and "tests" sit above everything: no app imports them.
LAYERS = [
    ["search"],  # the one full-text index: knows no app, apps register providers
    ["courses"],
    ["lms"],
    ["forum"],
    [
        "cms",
        "portfolio",
        "library",
        "events",
        "cooperation",
        "priorities",
        "newsletter",
        "workplan",
        "reports",
        "evaluations",
        "bodies",
        "expertgroups",
        "pilots",
        "needs",
        "funding",
    ],
    ["config", "demo"],
    ["bench", "tests"],
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module
    line: int
    at_import_time: bool  # False: inside a function


def module_files() -> dict[str, Path]:
    """Every module of the apps that exist, by dotted name (packages by their own name)."""
    modules = {}
    for app in LAYER_OF:
        folder = ROOT / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(body: list, in_function: bool = False):
    """(node, inside a function) for every import statement, skipping TYPE_CHECKING blocks."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, in_function
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_nodes(node.orelse, in_function)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _import_nodes(node.body, True)
        elif not isinstance(node, ast.expr):  # statements hold statements; expressions none
            yield from _import_nodes(list(ast.iter_child_nodes(node)), in_function)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """The imports of one module that land on a module of our apps."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = {}
    for node, in_function in _import_nodes(tree.body):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if submodule in modules else base)
        for target in targets:
            # ``import a.b.c`` of a name that is not a module: the closest module above it.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and (target, not in_function) not in found:
                found[target, not in_function] = Import(name, target, node.lineno, not in_function)
    return list(found.values())


def all_imports() -> list[Import]:
    modules = module_files()
    return [edge for name, path in modules.items() for edge in imports_of(name, path, modules)]


def cycles(edges: list[Import]) -> list[list[str]]:
    """One shortest cycle through each group of modules that import each other (at import
    time), the group's first module first."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        if edge.at_import_time:
            graph.setdefault(edge.source, set()).add(edge.target)
            graph.setdefault(edge.target, set())
    # Tarjan's strongly connected components, without recursion.
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    found = []
    for group in sorted(groups):
        members, start = set(group), group[0]
        # Breadth first from the group's first module back to itself.
        paths, seen, cycle = [[start]], {start}, None
        while paths and cycle is None:
            longer = []
            for path in paths:
                for child in sorted(graph[path[-1]] & members):
                    if child == start:
                        cycle = [*path, start]
                        break
                    if child not in seen:
                        seen.add(child)
                        longer.append([*path, child])
                if cycle:
                    break
            paths = longer
        found.append(cycle)
    return found


def layering_violations(edges: list[Import]) -> list[Import]:
    """Imports of a higher layer's module by a lower layer's."""
    return [
        edge
        for edge in edges
        if LAYER_OF[edge.target.partition(".")[0]] > LAYER_OF[edge.source.partition(".")[0]]
    ]


def _describe(edge: Import) -> str:
    where = "" if edge.at_import_time else " (inside a function)"
    return f"{edge.source}:{edge.line} imports {edge.target}{where}"


def test_the_layers_name_each_app_once():
    apps = [app for layer in LAYERS for app in layer]
    assert len(apps) == len(set(apps))
    assert (ROOT / "courses").is_dir() and (ROOT / "lms").is_dir()


def test_no_import_cycle():
    found = cycles(all_imports())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_no_lower_app_imports_a_higher_one():
    found = layering_violations(all_imports())
    assert not found, "lower app imports higher one:\n" + "\n".join(map(_describe, found))


def test_the_checker_sees_cycles_and_layers():
    edges = [
        Import("lms.a", "lms.b", 1, True),
        Import("lms.b", "lms.c", 1, True),
        Import("lms.c", "lms.a", 3, True),
        Import("lms.c", "lms.d", 1, True),
        Import("lms.d", "lms.c", 2, False),  # inside a function: breaks the cycle
        Import("courses.x", "lms.a", 1, False),
        Import("cms.y", "forum.z", 1, True),
    ]
    assert cycles(edges) == [["lms.a", "lms.b", "lms.c", "lms.a"]]
    assert layering_violations(edges) == [edges[5]]


if __name__ == "__main__":
    edges = all_imports()
    found_cycles, found_violations = cycles(edges), layering_violations(edges)
    for cycle in found_cycles:
        print("cycle:", " -> ".join(cycle))
    for edge in found_violations:
        print("layering:", _describe(edge))
    if "--deferred" in sys.argv:
        # For reading, not a failure: cycles that a function-level import keeps out of
        # import time (a service enqueuing its own task, say).
        every = [Import(e.source, e.target, e.line, True) for e in edges]
        for cycle in cycles(every):
            if cycle not in found_cycles:
                print("cycle through an import inside a function:", " -> ".join(cycle))
    sys.exit(1 if found_cycles or found_violations else 0)
