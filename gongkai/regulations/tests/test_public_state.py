"""The public library says what state a document is in today, computed in one place (`status.status_of`):
an ended document shows its end, not 「有效期至」 as if current; one whose 施行日期 is still ahead shows
「尚未施行」 with that date, not 「有效」."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.regulations.status import status_of

pytestmark = pytest.mark.django_db


def test_state_of_each_kind_of_document(ahead, ended, today):
    state = status_of(ahead, today)
    assert (state.code, str(state.label), state.since) == ("not_yet", "尚未施行", ahead.effective_from)
    assert status_of(ahead, ahead.effective_from).code == "valid"
    state = status_of(ended, today)
    assert (state.code, state.since, state.until) == ("repealed", today - dt.timedelta(days=2), None)


def test_the_library_and_the_page_show_the_real_state(client, ahead, ended, today):
    listing = client.get(reverse("regulations:library"), {"validity": "all"}).content.decode()
    row = listing[listing.index("沂源县农村公路养护办法"):]
    row = row[:row.index("</li>")]
    assert "尚未施行" in row and f"自 {ahead.effective_from.isoformat()} 起施行" in row and "validity-valid" not in row
    row = listing[listing.index("沂源县城区养犬管理办法</a>"):]
    row = row[:row.index("</li>")]
    assert "有效期至" not in row and f"自 {(today - dt.timedelta(days=2)).isoformat()} 起不再有效" in row

    page = client.get(reverse("regulations:detail", kwargs={"document_id": ahead.pk})).content.decode()
    assert f"本文件自 {ahead.effective_from.isoformat()} 起施行" in page and "validity-valid" not in page
    index = page[page.index("信息索引表"):page.index("规范性文件信息")]
    assert "尚未施行" in index and ">有效<" not in index  # the 信息索引表 agrees
    assert "尚未施行" in client.get(reverse("portal:item", kwargs={"item_id": ahead.item_id})).content.decode()
    page = client.get(reverse("regulations:detail", kwargs={"document_id": ended.pk})).content.decode()
    assert "原定" in page and f"自 {(today - dt.timedelta(days=2)).isoformat()} 起不再有效" in page


def test_a_cached_item_page_stops_saying_not_yet_on_the_day_the_document_takes_effect(client, ahead):
    """The portal item page is a cached fragment: it expires at the 施行日期 (fragments.register_moment), not
    only when something is written (review)."""
    import time
    from unittest import mock

    url = reverse("portal:item", kwargs={"item_id": ahead.item_id})
    assert "尚未施行" in client.get(url).content.decode()
    that_morning = timezone.make_aware(dt.datetime.combine(ahead.effective_from, dt.time(8)))
    later = time.time() + (that_morning - timezone.now()).total_seconds()
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later), \
            mock.patch("django.utils.timezone.localdate", return_value=ahead.effective_from), \
            mock.patch("django.utils.timezone.now", return_value=that_morning):
        page = client.get(url).content.decode()
    assert "尚未施行" not in page
