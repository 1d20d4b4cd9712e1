"""The shape of the code (developers' brief): one Django app per domain noun and no import cycles
between apps. Every `import gongkai.<app>…` / `from gongkai.<app>… import` in an app's code counts,
at module level or inside a function (a lazy import still makes one app depend on the other); tests
and migrations do not. Apps reach each other by name only where they must not depend on each other:
settings (INSTALLED_APPS), `import_module` of a known module name (the demo loader's extension point),
registries filled in AppConfig.ready() (search/extra.py).
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "gongkai"
APPS = sorted(path.name for path in ROOT.iterdir() if (path / "apps.py").is_file())


def app_imports() -> dict[str, dict[str, set[str]]]:
    """{app: {app it imports: {"file -> module", …}}}."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if {"tests", "migrations"} & set(path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    modules = [node.module]
                elif isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                else:
                    continue
                for module in modules:
                    parts = module.split(".")
                    if parts[0] == "gongkai" and len(parts) > 1 and parts[1] in APPS and parts[1] != app:
                        graph[app][parts[1]].add(f"{path.relative_to(ROOT)} -> {module}")
    return graph


def find_cycle(graph) -> list[str] | None:
    """One cycle of the app graph (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(app):
        state[app] = 1
        path.append(app)
        for other in sorted(graph[app]):
            if state.get(other) == 1:
                return path[path.index(other):] + [other]
            if other not in state and (found := visit(other)):
                return found
        path.pop()
        state[app] = 2
        return None

    for app in APPS:
        if app not in state and (found := visit(app)):
            return found
    return None


def test_the_apps_are_found():
    assert {"core", "organizations", "accounts", "audit", "publishing", "search", "workbench"} <= set(APPS)


def test_no_import_cycle_between_apps():
    graph = app_imports()
    cycle = find_cycle(graph)
    where = [f"{a} -> {b}: {sorted(graph[a][b])[0]}" for a, b in zip(cycle, cycle[1:], strict=False)] if cycle else []
    assert cycle is None, "import cycle between apps:\n" + "\n".join(where)


def test_the_cycle_finder_finds_a_cycle():
    graph = defaultdict(lambda: defaultdict(set))
    graph["publishing"]["audit"].add("x")
    graph["audit"]["accounts"].add("y")
    graph["accounts"]["publishing"].add("z")
    assert find_cycle(graph) in (["accounts", "publishing", "audit", "accounts"],
                                 ["audit", "accounts", "publishing", "audit"],
                                 ["publishing", "audit", "accounts", "publishing"])


CORE_FORMS = ROOT / "core" / "forms.py"
DJANGO_FORMS = {"django.forms", "django.forms.models"}


def plain_multiple_choice_fields(source: str) -> list[int]:
    """Lines where a module uses Django's own ModelMultipleChoiceField: `forms.ModelMultipleChoiceField`
    (any `<name>.ModelMultipleChoiceField` where `<name>` is django.forms imported as it), or the class
    imported from django.forms / django.forms.models (under any alias)."""
    tree = ast.parse(source)
    modules, names = set(), set()  # what stands for django.forms, and for its ModelMultipleChoiceField
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django":
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "forms"}
        elif isinstance(node, ast.ImportFrom) and node.module in DJANGO_FORMS:
            for alias in node.names:
                if alias.name == "ModelMultipleChoiceField":
                    names.add(alias.asname or alias.name)
                    found.append(node.lineno)
                if alias.name == "models" and node.module == "django.forms":
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in DJANGO_FORMS and alias.asname:
                    modules.add(alias.asname)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "ModelMultipleChoiceField":
            base = node.value
            dotted = []
            while isinstance(base, ast.Attribute):
                dotted.insert(0, base.attr)
                base = base.value
            if isinstance(base, ast.Name):
                dotted.insert(0, base.id)
                name = ".".join(dotted)
                if name in modules or name in DJANGO_FORMS:
                    found.append(node.lineno)
    return sorted(set(found))


def test_multiple_choices_of_rows_use_the_core_field():
    """Django's ModelMultipleChoiceField passes a posted id beyond any database's range to an `__in` query
    (SQLite OverflowError, PostgreSQL range error: a 500); `gongkai.core.forms.ModelMultipleChoiceField`
    refuses it as an invalid choice. Every module uses that one (core/forms.py defines it)."""
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if path == CORE_FORMS or "migrations" in path.parts:
            continue
        for line in plain_multiple_choice_fields(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, ("Django's ModelMultipleChoiceField used instead of gongkai.core.forms."
                           "ModelMultipleChoiceField:\n" + "\n".join(offenders))


@pytest.mark.parametrize("source", [
    "from django import forms\nclass F(forms.ModelMultipleChoiceField): pass",
    "from django import forms as f\nx = f.ModelMultipleChoiceField(queryset=None)",
    "from django.forms import ModelMultipleChoiceField\n",
    "from django.forms.models import ModelMultipleChoiceField as M\n",
    "import django.forms\nx = django.forms.ModelMultipleChoiceField",
    "from django.forms import models\nx = models.ModelMultipleChoiceField",
])
def test_the_guard_sees_each_way_of_reaching_djangos_field(source):
    assert plain_multiple_choice_fields(source)


def test_the_guard_lets_the_core_field_pass():
    assert not plain_multiple_choice_fields(
        "from django import forms\nfrom gongkai.core.forms import ModelMultipleChoiceField\n"
        "class F(ModelMultipleChoiceField): pass\nclass G(forms.Form):\n    x = ModelMultipleChoiceField(None)\n")
