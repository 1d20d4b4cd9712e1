"""interpretations.services.published_count: interpretations first published in a period."""

import datetime as dt
import zoneinfo

import pytest

from gongkai.interpretations import services
from gongkai.interpretations.tests.test_interpretations import interpretation
from gongkai.publishing.models import InformationItem
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_counts_published_interpretations_of_the_period(org, other_org, editor, reviewer):
    policy = normative_document(org, editor, reviewer).item
    in_year = interpretation(org, editor, reviewer, [policy])
    next_year = interpretation(org, editor, reviewer, [policy])
    interpretation(org, editor, reviewer, [policy], publish=False)
    InformationItem.objects.filter(pk=in_year.item_id).update(published_at=dt.datetime(2020, 12, 31, 23, tzinfo=SHANGHAI))
    InformationItem.objects.filter(pk=next_year.item_id).update(published_at=dt.datetime(2021, 1, 2, tzinfo=SHANGHAI))
    assert services.published_count([org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31)) == 1
    assert services.published_count([org.id], dt.date(2021, 1, 1), dt.date(2021, 12, 31)) == 1
    assert services.published_count([other_org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31)) == 0
