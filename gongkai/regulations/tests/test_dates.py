"""Dates a clerk types: bounded with a clear Chinese error (never a 500), and a 修改/废止/替代 dated ahead
(「自2027年6月1日起废止」) that leaves the older document in force until the daily sweep applies it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import Validity
from gongkai.regulations import services
from gongkai.regulations.expiry import enqueue_sweep, sweep
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.history import current_text
from gongkai.regulations.models import Event, Filing, NormativeDocument
from gongkai.workdays.normative import _add_years

pytestmark = pytest.mark.django_db

FORM = {"title": "沂源县文化市场管理办法", "doc_number": "源文旅发〔2020〕1号", "doc_type": "通知", "written_on": "2020-09-01",
        "topic": "06", "body": "<p>第一条</p>", "promulgated_on": "2020-09-01", "effective_from": "9999-06-01",
        "expires_on": "9999-12-31", "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20",
        "legality_opinion": "合法"}


@pytest.fixture
def doc(org, editor, reviewer):
    return normative_document(org, editor, reviewer)


@pytest.fixture
def newer(org, editor, reviewer):
    return normative_document(org, editor, reviewer, title="沂源县人民政府关于废止《沂源县城乡居民医疗救助办法》的决定",
                              doc_number="源政发〔2020〕12号", promulgated_on="2020-09-01",
                              effective_from="2020-10-01", expires_on="2025-09-30")


def test_add_years_clamps_instead_of_crashing():
    assert _add_years(D("9999-06-01"), 5) == dt.date.max
    assert _add_years(D("2020-02-29"), 1) == D("2021-03-01")


def test_a_far_future_effective_date_is_a_form_error_on_create_and_edit(client, org, editor, reviewer, doc):
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:create"), {**FORM, "organization": org.pk, "lead_issuer": org.pk})
    assert response.status_code == 200
    assert "施行日期 9999-06-01 距公布日期超过5年" in response.content.decode()
    assert NormativeDocument.objects.count() == 1
    client.force_login(reviewer)  # after publication only the 审核员 corrects the register
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": doc.pk}),
                           {**FORM, "lead_issuer": org.pk, "promulgated_on": "2020-03-01", "expires_on": "2025-03-31"})
    assert response.status_code == 200 and "距公布日期超过5年" in response.content.decode()
    doc.refresh_from_db()
    assert doc.effective_from == D("2020-04-01")
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": doc.pk}),
                           {**FORM, "lead_issuer": org.pk, "promulgated_on": "9999-06-01", "expires_on": "2025-03-31"})
    assert response.status_code == 200 and "公布日期 9999-06-01 晚于今天" in response.content.decode()


def test_legality_review_must_precede_promulgation_and_not_be_in_the_future(org, editor, reviewer, doc):
    future = timezone.localdate() + dt.timedelta(days=30)
    with pytest.raises(ActionRefused, match="合法性审核日期不能晚于公布日期"):
        services.update_document(reviewer, doc, {"legality_reviewed_on": D("2020-03-02")})
    with pytest.raises(ActionRefused, match="合法性审核日期 .* 晚于今天"):
        services.update_document(reviewer, doc, {"legality_reviewed_on": future})
    doc.refresh_from_db()
    assert doc.legality_reviewed_on == D("2020-02-20")


def test_filing_date_may_not_be_in_the_future(client, editor, doc):
    client.force_login(editor)
    future = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(reverse("regulations_staff:filing", kwargs={"document_id": doc.pk}),
                           {"body": Filing.Body.PEOPLES_CONGRESS, "filed_on": future.isoformat(), "number": "源人大备1号"},
                           follow=True)
    assert "备案日期" in response.content.decode() and "晚于今天" in response.content.decode()
    assert not doc.filings.exists()


def test_a_repeal_dated_ahead_waits_for_its_day(client, org, editor, reviewer):
    today = timezone.localdate()
    doc = normative_document(org, editor, reviewer, promulgated_on=str(today - dt.timedelta(days=400)),
                             effective_from=str(today - dt.timedelta(days=400)),
                             expires_on=str(today + dt.timedelta(days=900)))
    newer = normative_document(org, editor, reviewer, title="沂源县人民政府关于废止《沂源县城乡居民医疗救助办法》的决定",
                               doc_number="源政发〔2026〕12号", promulgated_on=str(today - dt.timedelta(days=5)),
                               effective_from=str(today - dt.timedelta(days=5)),
                               expires_on=str(today + dt.timedelta(days=900)))
    on = today + dt.timedelta(days=180)
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:relate", kwargs={"document_id": newer.pk}),
                           {"kind": "repeals", "target": doc.pk, "effective_on": on.isoformat()}, follow=True)
    assert f"在{on.isoformat()}前保持现有效力" in response.content.decode()
    doc.refresh_from_db()
    doc.item.refresh_from_db()
    assert doc.validity == Validity.VALID and doc.item.validity == Validity.VALID
    assert current_text(doc) == doc and not doc.events.exists()
    page = client.get(reverse("regulations:detail", kwargs={"document_id": doc.pk})).content.decode()
    assert f"本文件将于{on.isoformat()}起被以下文件废止" in page and "本文件已废止" not in page
    assert AuditEvent.objects.filter(action="regulations.repeal_scheduled", object_id=str(doc.pk)).exists()

    assert enqueue_sweep(on - dt.timedelta(days=1)) == 0
    assert sweep(on - dt.timedelta(days=1))["applied"] == []
    assert sweep(on + dt.timedelta(days=3))["applied"] == [doc.pk]  # a late run keeps the decided date
    doc.refresh_from_db()
    doc.item.refresh_from_db()
    assert doc.validity == Validity.REPEALED and doc.validity_since == on and doc.item.validity == Validity.REPEALED
    event = doc.events.get(kind=Event.Kind.REPEALED)
    assert event.on == on and event.relation.source == newer and event.actor is None
    assert AuditEvent.objects.get(action="regulations.repeal", object_id=str(doc.pk)).actor_name == "系统"
    assert sweep(on + dt.timedelta(days=4))["applied"] == []  # idempotent
    assert doc.events.count() == 1


def test_a_relation_date_is_bounded(reviewer, doc, newer):
    with pytest.raises(ActionRefused, match="生效日期 9999-12-31 距今超过5年"):
        services.repeal(reviewer, newer, doc, effective_on=D("9999-12-31"))
    doc.refresh_from_db()
    assert doc.validity == Validity.VALID and not doc.incoming.exists()


def test_a_repeal_dated_ahead_is_shown_as_not_executed_when_another_repealed_the_target_first(client, org, editor,
                                                                                             reviewer):
    today = timezone.localdate()
    doc = normative_document(org, editor, reviewer, promulgated_on=str(today - dt.timedelta(days=400)),
                             effective_from=str(today - dt.timedelta(days=400)),
                             expires_on=str(today + dt.timedelta(days=900)))
    later = normative_document(org, editor, reviewer, title="沂源县人民政府关于废止《沂源县城乡居民医疗救助办法》的决定",
                               doc_number="源政发〔2026〕12号", promulgated_on=str(today - dt.timedelta(days=5)),
                               effective_from=str(today - dt.timedelta(days=5)),
                               expires_on=str(today + dt.timedelta(days=900)))
    sooner = normative_document(org, editor, reviewer, title="沂源县人民政府关于废止部分规范性文件的决定",
                                doc_number="源政发〔2026〕13号", promulgated_on=str(today - dt.timedelta(days=3)),
                                effective_from=str(today - dt.timedelta(days=3)),
                                expires_on=str(today + dt.timedelta(days=900)))
    on = today + dt.timedelta(days=30)
    services.repeal(reviewer, later, doc, effective_on=on)  # 「自…起废止」, dated ahead
    services.repeal(reviewer, sooner, doc, effective_on=today)  # another decision repeals it at once
    assert sweep(on + dt.timedelta(days=1))["applied"] == []
    page = client.get(reverse("regulations:detail", kwargs={"document_id": later.pk})).content.decode()
    assert "该文件此前已失效，未执行" in page and "原定废止" in page
    applied = client.get(reverse("regulations:detail", kwargs={"document_id": sooner.pk})).content.decode()
    assert "未执行" not in applied
    client.force_login(reviewer)
    staff = client.get(reverse("regulations_staff:detail", kwargs={"document_id": later.pk})).content.decode()
    assert "该文件此前已失效，未执行" in staff
