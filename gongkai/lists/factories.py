"""Test helpers: lists and versions made through the services, as staff make them."""

import datetime as dt

from gongkai.lists import services
from gongkai.lists.models import ListType
from gongkai.lists.registry import load_types

D = dt.date.fromisoformat


def list_type(code: str = "qzqd") -> ListType:
    load_types()
    return ListType.objects.get(code=code)


def power_row(name: str, subject: str, kind: str = "行政许可", basis: str = "《中华人民共和国行政许可法》第十二条") -> dict:
    """One 权责清单 row with every required cell."""
    return {"power_type": kind, "name": name, "basis": basis, "subject": subject, "duties": "1.受理责任；2.审查责任",
            "accountability": "不依法履行职责的，依法追究责任"}


def make_list(org, editor, code: str = "qzqd", title: str | None = None):
    return services.create_list(editor, org, list_type(code), title or f"{org.name}{list_type(code).name}")


def draft_version(lst, editor, label: str = "2020年版", effective_from: str = "2020-01-01", rows=None):
    version = services.create_version(editor, lst, label, D(effective_from))
    rows = rows if rows is not None else [power_row("食品经营许可", lst.organization.name)]
    services.replace_rows(editor, version, rows)
    return version


def published_version(lst, editor, reviewer, label: str = "2020年版", effective_from: str = "2020-01-01", rows=None):
    version = draft_version(lst, editor, label, effective_from, rows)
    services.submit(editor, version)
    return services.approve(reviewer, version)
