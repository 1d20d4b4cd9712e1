"""publishing.services.publication_counts: items first published in a period, per catalog node."""

import datetime as dt
import zoneinfo

import pytest

from gongkai.catalog.services import node_by_key
from gongkai.publishing import services
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _published_at(item, moment: dt.datetime) -> None:
    InformationItem.objects.filter(pk=item.pk).update(published_at=moment)


def test_counts_items_of_the_period_per_node(org, other_org, editor, reviewer):
    notices, news = node_by_key(org, "plan.notices"), node_by_key(org, "plan.news")
    first = published_item(org, editor, reviewer, nodes=[notices, news], title="一")
    second = published_item(org, editor, reviewer, nodes=[notices], title="二")
    withdrawn = services.withdraw(reviewer, published_item(org, editor, reviewer, nodes=[news], title="三"), "调整")
    late = published_item(org, editor, reviewer, nodes=[notices], title="四")
    fifth = published_item(org, editor, reviewer, nodes=[notices], title="五")
    _published_at(first, dt.datetime(2020, 1, 1, 0, 30, tzinfo=SHANGHAI))  # 2019-12-31 in UTC: still 2020 here
    _published_at(second, dt.datetime(2020, 6, 1, 9, tzinfo=SHANGHAI))
    _published_at(withdrawn, dt.datetime(2020, 12, 31, 23, tzinfo=SHANGHAI))
    _published_at(fifth, dt.datetime(2020, 7, 1, 9, tzinfo=SHANGHAI))
    _published_at(late, dt.datetime(2021, 1, 1, 8, tzinfo=SHANGHAI))

    counts = services.publication_counts([org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert counts == {"total": 4, "by_node": [("通知公告", 3), ("工作动态", 2)]}
    assert services.publication_counts([other_org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31))["total"] == 0
