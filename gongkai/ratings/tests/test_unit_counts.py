"""A unit's list of imports and a batch's page give the unit's own counts, never the whole file's: an export
holds every unit's evaluations, and how many another unit received or had rectified is not the unit's to see."""

import re

import pytest
from django.urls import reverse

from gongkai.ratings import services
from gongkai.ratings.tests.test_ratings import GOOD, HEADER
from gongkai.ratings.tests.test_rectification import BAD_ROW

pytestmark = pytest.mark.django_db


def _cells(html: str, filename: str) -> list[str]:
    """The cells of the list's row of `filename`, as text."""
    [row] = [row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if filename in row]
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _fields(html: str) -> dict[str, str]:
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))


def test_a_unit_sees_its_own_counts_of_a_file_that_holds_every_units(client, keeper, unit, unit2, unit_editor,
                                                                       other_editor):
    first = services.import_records(keeper, "三月.csv", GOOD.encode()).batch  # 教体局 4 rows, 交通运输局 2
    second = services.import_records(keeper, "三月补录.csv", (HEADER + BAD_ROW + "已公布材料清单\n").encode()).batch
    client.force_login(keeper)  # the 政务公开办: the whole file
    assert _cells(client.get(reverse("ratings_staff:list")).content.decode(), "三月.csv")[1:3] == ["6", "0"]
    fields = _fields(client.get(reverse("ratings_staff:batch", args=[first.pk])).content.decode())
    assert (fields["新导入的评价"], fields["补录整改情况数"]) == ("6", "0")

    client.force_login(unit_editor)  # 教体局
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert _cells(page, "三月.csv")[1:3] == ["4", "0"]
    fields = _fields(client.get(reverse("ratings_staff:batch", args=[first.pk])).content.decode())
    assert (fields["新导入的本单位评价"], fields["本单位补录整改情况数"]) == ("4", "0")
    assert "新导入的评价" not in fields

    client.force_login(other_editor)  # 交通运输局: its 2 rows, and the 整改情况 the second file filled in
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert _cells(page, "三月.csv")[1:3] == ["2", "0"]
    assert _cells(page, "三月补录.csv")[1:3] == ["0", "1"]
    fields = _fields(client.get(reverse("ratings_staff:batch", args=[second.pk])).content.decode())
    assert (fields["新导入的本单位评价"], fields["本单位补录整改情况数"]) == ("0", "1")
