"""English pages get ASCII punctuation around translated labels and values; Chinese pages keep 「（）」「、」「；」."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from gongkai.portal.tests.helpers import attach_pdf, draft
from gongkai.publishing import services
from gongkai.workplan.views_common import chinese_date

TAGS = "{% load punctuation %}A{% lparen %}B{% comma %}C{% rparen %}{% colon %}D{% enum_comma %}E{% semicolon %}F"


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "A（B，C）：D、E；F"), ("en", "A (B, C): D, E; F")])
def test_punctuation_tags_follow_the_language(language, expected):
    with translation.override(language):
        assert Template(TAGS).render(Context()) == expected


def test_workplan_dates_are_iso_on_english_pages():
    with translation.override("en"):
        assert chinese_date(dt.date(2020, 7, 31)) == "2020-07-31"
    with translation.override("zh-hans"):
        assert chinese_date(dt.date(2020, 7, 31)) == "2020年7月31日"


@pytest.mark.django_db
def test_attachment_size_is_in_ascii_brackets_on_the_english_item_page(client, org, editor, reviewer):
    item = draft(org, editor, title="附带附件的通知")
    attach_pdf(editor, item)
    services.submit(editor, item)
    services.approve(reviewer, item, "同意公开", secrecy_checked=True)
    services.publish(reviewer, item)

    english = client.get(f"/en/xxgk/items/{item.pk}/").content.decode()
    size = re.search(r'<span class="file-size">(.*?)</span>', english).group(1)
    assert re.fullmatch(r" \(\d+\xa0bytes\)", size), size
    chinese = client.get(f"/xxgk/items/{item.pk}/").content.decode()
    assert re.search(r'<span class="file-size">（\d+\xa0字节）</span>', chinese)
