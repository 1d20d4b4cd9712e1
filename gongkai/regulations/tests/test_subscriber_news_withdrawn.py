"""「新发布规范性文件」 is never mailed for a document withdrawn (撤回) before it went out, and the periodic job that
looks for scheduled publications never stops the day's 尚未施行 → 有效 announcements (page files, search)."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing
from gongkai.regulations import services
from gongkai.regulations.models import StateRun
from gongkai.regulations.tests.test_subscriber_news import _register_data, lawyer, scheduled_item  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_scheduled_document_withdrawn_before_its_time_is_not_mailed_as_new(
        org, editor, reviewer, lawyer, django_capture_on_commit_callbacks):  # noqa: F811
    from gongkai.regulations.expiry import enqueue_sweep

    today = timezone.localdate()
    item, going_public = scheduled_item(org, editor, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(editor, item, _register_data(today, today))
        with pytest.raises(ActionRefused):  # never public: it cannot be withdrawn (publishing's guard) …
            publishing.withdraw(reviewer, item, "发文字号有误，重新印发")
        publishing.delete(reviewer, item, "发文字号有误，重新印发")  # … only deleted
    later = going_public + dt.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True), mock.patch("django.utils.timezone.now", return_value=later):
        enqueue_sweep(today)
    assert mail.outbox == []


def test_a_failing_announcement_of_new_documents_does_not_stop_the_days_state_changes(org, editor, reviewer):
    from gongkai.regulations.expiry import enqueue_sweep
    from gongkai.regulations.factories import normative_document

    today = timezone.localdate()
    document = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法",
                                  doc_number="源政办发〔2026〕3号", promulgated_on=str(today),
                                  effective_from=str(today + dt.timedelta(days=1)),
                                  expires_on=str(today + dt.timedelta(days=900)))
    StateRun.objects.create(day=today)
    tomorrow = today + dt.timedelta(days=1)
    with mock.patch("gongkai.regulations.subscriptions.announce_due", side_effect=RuntimeError("smtp down")), \
            mock.patch("gongkai.publishing.events.announce") as announced, \
            mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        with pytest.raises(RuntimeError):  # run_periodic reports the failure
            enqueue_sweep(tomorrow)
    announced.assert_any_call(document.item_id, "updated")  # but the 尚未施行 marks go on the day all the same
    assert StateRun.objects.filter(day=tomorrow).exists()
