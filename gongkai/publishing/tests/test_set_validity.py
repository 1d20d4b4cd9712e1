import pytest

from gongkai.publishing import services
from gongkai.publishing.choices import Validity
from gongkai.publishing.events import item_changed
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


def test_set_validity_writes_field_revision_and_announcement(org, editor, reviewer, django_capture_on_commit_callbacks):
    item = published_item(org, editor, reviewer, validity=Validity.VALID)
    heard = []

    def listener(sender, item_id, verb, **kwargs):
        heard.append((item_id, verb))

    item_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.set_validity(None, item, Validity.REPEALED, "被《新办法》废止")
    finally:
        item_changed.disconnect(listener)
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED
    assert item.history.first().history_change_reason == "被《新办法》废止"
    assert heard == [(item.id, "updated")]


def test_set_validity_refuses_unknown_values_and_skips_no_change(org, editor, reviewer):
    item = published_item(org, editor, reviewer, validity=Validity.VALID)
    revisions = item.history.count()
    services.set_validity(None, item, Validity.VALID, "unchanged")
    assert item.history.count() == revisions
    with pytest.raises(ValueError):
        services.set_validity(None, item, "bogus", "x")
