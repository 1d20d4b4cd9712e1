"""条例第十二条: the 政府信息公开目录 includes each item's 索引, 名称, 内容概述 and 生成日期. The 内容概述 staff write
(item form, imports) is shown in the item's 信息索引表, on the item page and its print view."""

import pytest
from django.urls import reverse

from gongkai.portal.tests.helpers import approved
from gongkai.portal.tests.test_items import index_table
from gongkai.publishing import services

pytestmark = pytest.mark.django_db


def test_the_summary_is_in_the_index_table_when_the_item_has_one(client, org, editor, reviewer):
    item = services.publish(reviewer, approved(org, editor, reviewer, title="关于开展政务公开培训的通知",
                                               summary="定于3月举办培训。\n各单位派1人参加。"))
    for name in ("portal:item", "portal:item_print"):
        html = client.get(reverse(name, args=[item.id])).content.decode()
        assert index_table(html)["内容概述"] == "定于3月举办培训。各单位派1人参加。"
        assert "定于3月举办培训。<br>各单位派1人参加。" in html
    english = client.get("/en" + reverse("portal:item", args=[item.id])).content.decode()
    assert "<th scope=\"row\">Summary</th>" in english
    plain = services.publish(reviewer, approved(org, editor, reviewer, title="工作动态一则"))
    assert "内容概述" not in index_table(client.get(reverse("portal:item", args=[plain.id])).content.decode())
