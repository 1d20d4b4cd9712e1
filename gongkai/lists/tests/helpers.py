"""Helpers of the 清单 tests (the `unit` fixture is in conftest.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.lists.factories import make_list, power_row, published_version


def two_versions(unit):
    """A 权责清单 with 2019年版 (from 2019-06-01, three powers) and 2020年版 (from 2020-09-01: one removed,
    one changed, one added)."""
    name = unit["org"].name
    lst = make_list(unit["org"], unit["editor"])
    first = published_version(lst, unit["editor"], unit["reviewer"], "2019年版", "2019-06-01", [
        power_row("食品生产许可", name), power_row("食品经营许可", name), power_row("企业年报抽查", name, kind="行政检查")])
    second = published_version(lst, unit["editor"], unit["reviewer"], "2020年版", "2020-09-01", [
        power_row("食品生产许可", name), power_row("食品经营许可", name, basis="《食品安全法实施条例》第十五条"),
        power_row("特种设备监督检查", name, kind="行政检查")])
    first.refresh_from_db()
    return lst, first, second


def names(version):
    return [row.cells["name"] for row in version.rows.order_by("position")]


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("权责清单.xlsx", buffer.getvalue())


# The headings of a 权责清单 sheet, as the template has them.
HEADER = ["序号", "职权类型", "职权名称", "职权编码", "依据", "实施主体", "承办机构", "责任事项", "追责情形", "备注"]
