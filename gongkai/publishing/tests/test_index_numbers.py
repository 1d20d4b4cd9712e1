"""索引号 allocation: a serial an item already carries is skipped, a used-up year is refused with a reason."""

import pytest
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import IndexSequence, InformationItem
from gongkai.publishing.numbering import SERIAL_LIMIT

pytestmark = pytest.mark.django_db


def test_publishing_skips_a_serial_an_item_already_carries(org, editor, reviewer):
    year = timezone.localdate().year
    squatter = published_item(org, editor, reviewer)
    # A number outside the sequence (e.g. imported before the import refused numbers of other units).
    InformationItem.objects.filter(pk=squatter.pk).update(index_no=f"{org.credit_code}/{year}-00002")
    assert published_item(org, editor, reviewer).index_no == f"{org.credit_code}/{year}-00003"
    assert published_item(org, editor, reviewer).index_no == f"{org.credit_code}/{year}-00004"


def test_a_used_up_year_is_refused_with_a_reason_not_a_crash(org, editor, reviewer):
    year = timezone.localdate().year
    IndexSequence.objects.create(organization=org, year=year, last_serial=SERIAL_LIMIT)
    with pytest.raises(ActionRefused, match="索引号流水号已用尽"):
        published_item(org, editor, reviewer)
