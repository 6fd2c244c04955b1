"""Imports run one way (DESIGN.md): the import graph of our apps, read from their source.

Every import counts, those inside functions too; only the route methods of page models
(`@path`/`@re_path` and `serve_preview`), which hand a request to a view, may call upward.
"""

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# DESIGN.md's order, lower apps first: an app imports its own modules and lower apps' only.
APP_RANKS = {
    "home": 0,
    "program": 1,
    "sponsors": 1,
    "registrations": 2,
    "figures": 3,
    "messaging": 3,
    "search": 4,
    "alposs": 5,
}
ROUTE_DECORATORS = {"path", "re_path", "route"}
ROUTE_METHODS = {"serve_preview"}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules():
    """{module name: file} for every module of our apps (migrations left out)."""
    modules = {}
    for app in APP_RANKS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def _is_route(node):
    if node.name in ROUTE_METHODS:
        return True
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if getattr(target, "id", getattr(target, "attr", None)) in ROUTE_DECORATORS:
            return True
    return False


def _imports(tree):
    """The import statements of a module, leaving out the bodies of route methods."""
    pending = [tree]
    while pending:
        node = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_route(child):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            pending.append(child)


def _targets(statement, name, is_package, modules):
    """The modules of ours an import statement loads (a name may be a submodule)."""
    if isinstance(statement, ast.Import):
        candidates = [alias.name for alias in statement.names]
    else:
        base = statement.module or ""
        if statement.level:
            package = name if is_package else name.rpartition(".")[0]
            for _ in range(statement.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}".rstrip(".") if base else package
        candidates = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
            for alias in statement.names
        ]
    for candidate in candidates:
        while candidate and candidate not in modules:
            candidate = candidate.rpartition(".")[0]
        if candidate and candidate != name:
            yield candidate


@functools.cache
def import_graph():
    """{module: set of our modules it imports} (read once per test run: do not change it)."""
    modules = our_modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        is_package = path.name == "__init__.py"
        graph[name] = {
            target
            for statement in _imports(tree)
            for target in _targets(statement, name, is_package, modules)
        }
    return graph


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def app_of(module):
    return module.partition(".")[0]


def is_views(module):
    return module.rpartition(".")[2].endswith("views")


def may_import_views(module):
    """Views, URL confs and the admin wiring (wagtail_hooks registers viewsets)."""
    last = module.rpartition(".")[2]
    return is_views(module) or last.endswith("urls") or last == "wagtail_hooks"


def edges(graph):
    return {(source, target) for source, targets in graph.items() for target in targets}


def test_our_modules_import_each_other_without_a_cycle():
    assert cycles(import_graph()) == []


def test_home_imports_no_other_app_of_ours():
    assert {
        (source, target)
        for source, target in edges(import_graph())
        if app_of(source) == "home" and app_of(target) != "home"
    } == set()


def test_apps_import_only_their_own_modules_and_lower_apps():
    assert {
        (source, target)
        for source, target in edges(import_graph())
        if app_of(source) != app_of(target)
        and APP_RANKS[app_of(target)] >= APP_RANKS[app_of(source)]
    } == set()


def test_only_views_url_confs_and_admin_wiring_import_views():
    assert {
        (source, target)
        for source, target in edges(import_graph())
        if is_views(target) and not may_import_views(source)
    } == set()


LOAD_TAG = re.compile(r"{%\s*load\s+(.*?)\s*%}")


def template_libraries():
    """{tag library name: app} for our apps' template tag libraries."""
    return {
        path.stem: app
        for app in APP_RANKS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def loaded_libraries(template):
    """The libraries a template loads (`{% load a b %}`, `{% load x y from a %}`)."""
    for names in LOAD_TAG.findall(template.read_text()):
        words = names.split()
        yield from words[-1:] if "from" in words else words


def test_each_apps_templates_load_tags_of_that_app_or_lower_ones_only():
    libraries = template_libraries()
    upward = set()
    for app, rank in APP_RANKS.items():
        for template in (ROOT / "templates" / app).rglob("*.html"):
            for library in loaded_libraries(template):
                owner = libraries.get(library)
                if owner and owner != app and APP_RANKS[owner] >= rank:
                    upward.add((str(template.relative_to(ROOT)), library))
    assert upward == set()


def test_cycles_are_found_through_any_number_of_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]


def test_the_graph_reads_relative_and_lazy_imports_but_not_route_methods():
    graph = import_graph()
    assert "program.models" in graph["program.queries"]  # from .models import ...
    assert "home.models" in graph["program.models"]  # from home.models import ...
    assert "program.views" not in graph["program.models"]  # only in route methods
