"""Every date input of every form renders its date as yyyy-mm-dd, the only value `<input type="date">`
accepts. A date formatted for the language (2020/08/10 under zh-hans) shows an empty field that submits
"", so saving the form unchanged erased the date (the 工作要点's 印发日期, the 留言's 收到日期)."""

import datetime as dt
import importlib
import pkgutil

from django import forms
from django.urls import get_resolver
from django.utils import translation

import gongkai
from gongkai.core.widgets import DateInput, DateTimeInput

DAY = dt.date(2020, 8, 10)
MOMENT = dt.datetime(2020, 8, 10, 9, 5)
EXPECTED = {"date": 'value="2020-08-10"', "datetime-local": 'value="2020-08-10T09:05"'}


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in gongkai: the modules named forms (or in a forms package), and
    everything the URLconf imports (forms defined next to their views)."""
    for module in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        parts = module.name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        if any(part == "forms" or part.endswith("_forms") or part.startswith("forms_") for part in parts[2:]):
            importlib.import_module(module.name)
    get_resolver().url_patterns  # noqa: B018 - imports every view module

    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted((c for c in found if c.__module__.startswith("gongkai.") and ".tests" not in c.__module__),
                  key=lambda c: f"{c.__module__}.{c.__qualname__}")


def date_kind(widget) -> str | None:
    kind = widget.attrs.get("type") or getattr(widget, "input_type", None)
    return kind if kind in EXPECTED else None


def test_the_walk_finds_the_forms_with_date_inputs():
    names = {f"{c.__module__}.{c.__qualname__}" for c in project_form_classes()}
    assert {"gongkai.workplan.forms.PlanForm", "gongkai.mailbox.forms.RegisterForm",
            "gongkai.publishing.forms.ItemForm"} <= names


def test_every_date_input_renders_an_iso_value_under_zh_hans():
    wrong, seen = [], 0
    with translation.override("zh-hans"):
        for form_class in project_form_classes():
            for name, field in form_class.base_fields.items():
                kind = date_kind(field.widget)
                if kind is None:
                    continue
                seen += 1
                html = field.widget.render(name, DAY if kind == "date" else MOMENT)
                if EXPECTED[kind] not in html:
                    wrong.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}: {html}")
    assert seen > 20
    assert wrong == [], "\n".join(wrong)


def test_the_shared_widgets_keep_their_format_with_attrs():
    with translation.override("zh-hans"):
        assert 'value="2020-08-10"' in DateInput({"max": "2030-01-01"}).render("d", DAY)
        assert 'value="2020-08-10T09:05"' in DateTimeInput().render("t", MOMENT)
