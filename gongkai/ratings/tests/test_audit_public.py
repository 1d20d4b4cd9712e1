"""The public 好差评 page as a keyboard user meets it (auditD): the table that scrolls sideways on a phone (in
English its headings are wider than the screen) can be reached and scrolled with the keyboard."""

import re

import pytest
from django.urls import reverse

from gongkai.ratings import services

pytestmark = pytest.mark.django_db

HEADER = "事项,部门,渠道,评价时间,等级,差评内容,整改情况\n"


def test_the_scrolling_table_is_a_labelled_region_the_keyboard_reaches(client, keeper, unit):
    services.import_records(keeper, "a.csv", (HEADER + "教师资格认定,测试县教育和体育局,短信,2026-03-05 15:30,满意,,\n").encode())
    page = client.get(reverse("ratings:month", kwargs={"year": 2026, "month": 3})).content.decode()
    wrapper = re.search(r'<div class="table-scroll"[^>]*>', page).group(0)
    assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper
    label_id = re.search(r'aria-labelledby="([^"]+)"', wrapper).group(1)
    assert re.search(rf'<caption id="{label_id}">[^<]*好差评统计', page)

