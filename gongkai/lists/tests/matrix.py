"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): a unit's 权责清单
with a published version, a draft version with a row, and the rows another unit must not change."""

from gongkai.lists.factories import draft_version, make_list, power_row, published_version
from gongkai.lists.models import DisclosureList, ListType, Row, Version


def fillers(unit) -> dict:
    lst = make_list(unit.org, unit.editor)
    published = published_version(lst, unit.editor, unit.reviewer, rows=[power_row(f"{unit.org.name}已公开职权", unit.org.name)])
    draft = draft_version(lst, unit.editor, label="2021年版", effective_from="2021-01-01",
                          rows=[power_row(f"{unit.org.name}未公开的职权草稿", unit.org.name)])
    return {"list_id": [lst.pk], "version_id": [published.pk, draft.pk],
            "row_id": list(Row.objects.filter(version__in=[published, draft]).values_list("pk", flat=True)),
            "type_id": [ListType.objects.get(code="qzqd").pk]}


def snapshot(unit) -> dict:
    lists = DisclosureList.objects.filter(organization=unit.org)
    versions = Version.objects.filter(disclosure_list__in=lists)
    return {"lists": list(lists.order_by("pk").values()), "versions": list(versions.order_by("pk").values()),
            "rows": list(Row.objects.filter(version__in=versions).order_by("pk").values())}
