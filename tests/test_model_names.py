"""Every model of Gongkai has a Chinese name: staff read it in the 操作日志's 对象类型 filter and column
and in the Django admin (before, 公众参与's models showed as attendee, event, hearing …)."""

import re

from django.apps import apps
from django.utils import translation

HAN = re.compile(r"[\u4e00-\u9fff]")


def generated_by_simple_history(model) -> bool:
    """django-simple-history's history of a many-to-many field (HistoricalInformationItem_catalog_nodes):
    its class and name are made by the library, never shown to staff."""
    return model.__name__.startswith("Historical") and "_" in model.__name__


def test_every_model_has_a_chinese_verbose_name():
    english = [
        model._meta.label for model in apps.get_models()
        if model.__module__.startswith("gongkai.") and not generated_by_simple_history(model)
        and not (HAN.search(str(model._meta.verbose_name)) and HAN.search(str(model._meta.verbose_name_plural)))
    ]
    assert english == []


# django-simple-history's own columns on a Historical… model: the library names them; the history pages
# label them in their own templates.
HISTORY_BOOKKEEPING = {"history_id", "history_date", "history_type", "history_user", "history_change_reason"}


def not_labelled_by_gongkai(model, field) -> bool:
    """Fields whose name Gongkai does not write: the primary key Django adds to every model (「ID」, never a
    form field nor a change in the 操作日志; its copy in a Historical… model alike), and simple-history's
    bookkeeping columns."""
    if field.auto_created:  # the primary key; simple-history copies it as auto-created too
        return True
    return model.__name__.startswith("Historical") and field.name in HISTORY_BOOKKEEPING


def test_every_field_has_a_chinese_verbose_name():
    """Staff read a field's verbose_name in the Django admin, in forms built from the model and in the
    操作日志's list of changed fields; under zh-hans each is Chinese."""
    with translation.override("zh-hans"):
        english = [
            f"{model._meta.label}.{field.name}: {field.verbose_name}"
            for model in apps.get_models()
            if model.__module__.startswith("gongkai.") and not generated_by_simple_history(model)
            for field in model._meta.get_fields()
            if field.concrete and not not_labelled_by_gongkai(model, field)
            and not HAN.search(str(field.verbose_name))
        ]
    assert english == []
