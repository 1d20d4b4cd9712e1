"""Every model of Gongkai has a Chinese name: staff read it in the 操作日志's 对象类型 filter and column
and in the Django admin (before, 公众参与's models showed as attendee, event, hearing …)."""

import re

from django.apps import apps

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
