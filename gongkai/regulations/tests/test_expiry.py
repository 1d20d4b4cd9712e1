"""The 90-day warning and the lapse into 已失效, on real dates, through the task queue and the command."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.audit.models import AuditEvent
from gongkai.publishing.choices import Validity
from gongkai.regulations import services
from gongkai.regulations.expiry import enqueue_sweep, sweep
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.models import Event
from gongkai.regulations.tasks import sweep_validity

pytestmark = pytest.mark.django_db


@pytest.fixture
def provisional(org, editor, reviewer):
    # 2020-12-31 minus 90 days is 2020-10-02.
    editor.email = "xinxiyuan@yiyuan.gov.cn"
    editor.save()
    return normative_document(org, editor, reviewer, title="沂源县农村生活污水治理暂行办法", doc_number="源政办发〔2019〕9号",
                              promulgated_on="2019-01-01", effective_from="2019-01-01", expires_on="2020-12-31")


def test_warning_is_given_once_ninety_days_before_expiry(provisional, django_capture_on_commit_callbacks):
    assert sweep(D("2020-10-01")) == {"warned": [], "lapsed": [], "applied": []}
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(D("2020-10-02")) == {"warned": [provisional.pk], "lapsed": [], "applied": []}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["xinxiyuan@yiyuan.gov.cn"]
    assert "沂源县农村生活污水治理暂行办法" in message.subject and "2020-12-31" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(D("2020-10-03"))["warned"] == []
    assert len(mail.outbox) == 1
    provisional.refresh_from_db()
    assert provisional.validity == Validity.VALID
    warning = provisional.events.get(kind=Event.Kind.EXPIRY_WARNING)
    assert warning.expires_on == D("2020-12-31")


def test_lapse_on_the_day_after_expiry_unless_renewed(provisional, reviewer):
    sweep(D("2020-12-31"))
    provisional.refresh_from_db()
    assert provisional.validity == Validity.VALID
    result = sweep(D("2021-01-05"))  # a late run still dates the lapse correctly
    assert result["lapsed"] == [provisional.pk]
    provisional.refresh_from_db()
    provisional.item.refresh_from_db()
    assert provisional.validity == Validity.EXPIRED and provisional.validity_since == D("2021-01-01")
    assert provisional.item.validity == Validity.EXPIRED
    audit = AuditEvent.objects.get(action="regulations.lapse", object_id=str(provisional.pk))
    assert audit.actor_name == "系统"
    assert sweep(D("2021-01-06"))["lapsed"] == []


def test_renewed_document_does_not_lapse_and_is_warned_again_for_its_new_date(provisional, reviewer):
    sweep(D("2020-10-02"))
    services.renew(reviewer, provisional, D("2022-11-30"), "评估后继续执行", renewed_on=D("2020-12-01"))
    assert sweep(D("2021-01-01"))["lapsed"] == []
    assert sweep(D("2022-09-01"))["warned"] == [provisional.pk]
    assert provisional.events.filter(kind=Event.Kind.EXPIRY_WARNING).count() == 2


def test_repealed_documents_are_neither_warned_nor_lapsed(org, editor, reviewer, provisional):
    newer = normative_document(org, editor, reviewer, title="沂源县农村生活污水治理办法", doc_number="源政办发〔2020〕8号",
                               promulgated_on="2020-06-01", effective_from="2020-07-01", expires_on="2025-06-30")
    services.replace(reviewer, newer, provisional)
    assert sweep(D("2021-01-02")) == {"warned": [], "lapsed": [], "applied": []}


def test_task_and_command_run_the_sweep(provisional):
    result = sweep_validity.enqueue("2021-01-01")
    assert result.return_value == {"warned": [], "lapsed": [provisional.pk], "applied": []}


def test_command_dry_run_lists_without_changing(provisional):
    out = StringIO()
    call_command("regulations_sweep", "--date", "2021-01-01", "--dry-run", stdout=out)
    assert "将失效" in out.getvalue() and "源政办发〔2019〕9号" in out.getvalue()
    provisional.refresh_from_db()
    assert provisional.validity == Validity.VALID
    call_command("regulations_sweep", "--date", "2021-01-01", stdout=StringIO())
    provisional.refresh_from_db()
    assert provisional.validity == Validity.EXPIRED


def test_run_periodic_enqueues_the_sweep_only_when_something_is_due(provisional):
    assert enqueue_sweep(D("2020-06-01")) == 0
    out = StringIO()
    call_command("run_periodic", stdout=out)  # today: the 2020 document's period has long ended
    assert "normative validity: 1" in out.getvalue()
    provisional.refresh_from_db()
    assert provisional.validity == Validity.EXPIRED
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "normative validity: 0" in out.getvalue()
