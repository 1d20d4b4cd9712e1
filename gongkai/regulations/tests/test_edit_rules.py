"""Editing the register: a renewed document stays editable, each date error names its own field, 成文日期
comes no later than 公布日期, hostile ids are form errors, and a 信息员 cannot change a published 制定机关."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.regulations import services
from gongkai.regulations.dates import check_dates, latest_renewal
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.models import NormativeDocument

pytestmark = pytest.mark.django_db

FORM = {"title": "沂源县文化市场管理办法", "doc_number": "源文旅发〔2020〕1号", "doc_type": "通知", "written_on": "2020-09-01",
        "topic": "06", "body": "<p>第一条</p>", "promulgated_on": "2020-09-01", "effective_from": "2020-10-01",
        "expires_on": "2025-09-30", "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20",
        "legality_opinion": "合法"}
HUGE = "99999999999999999999"


def _meta(document, **changes):
    data = {"lead_issuer": document.issuer_list()[0].pk, "promulgated_on": document.promulgated_on.isoformat(),
            "effective_from": document.effective_from.isoformat(), "expires_on": document.expires_on.isoformat(),
            "legality_reviewer": document.legality_reviewer,
            "legality_reviewed_on": document.legality_reviewed_on.isoformat(),
            "legality_opinion": document.legality_opinion}
    return {**data, **changes}


@pytest.fixture
def renewed(org, editor, reviewer):
    """Renewed after evaluation: its 有效期至 now runs more than 5 years past its 施行日期, lawfully."""
    today = timezone.localdate()
    doc = normative_document(org, editor, reviewer, promulgated_on="2022-01-01", effective_from="2022-02-01",
                             expires_on=(today + dt.timedelta(days=30)).isoformat())
    services.renew(reviewer, doc, today + dt.timedelta(days=365 * 4), "评估后继续执行")
    doc.refresh_from_db()
    assert doc.expires_on > D("2027-01-31")  # beyond 5 years from 施行
    return doc


def test_a_renewed_document_stays_editable(client, reviewer, renewed):
    services.update_document(reviewer, renewed, {"legality_opinion": "源司审〔2022〕1号：合法"})
    renewed.refresh_from_db()
    assert renewed.legality_opinion == "源司审〔2022〕1号：合法"
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": renewed.pk}),
                           _meta(renewed, legality_reviewer="沂源县司法局法制科"))
    assert response.status_code == 302
    renewed.refresh_from_db()
    assert renewed.legality_reviewer == "沂源县司法局法制科"


def test_a_renewed_period_is_still_bounded_from_the_renewal(renewed):
    renewal = latest_renewal(renewed)
    check_dates(renewed.title, renewed.promulgated_on, renewed.effective_from, renewed.expires_on, renewed_on=renewal)
    with pytest.raises(ActionRefused, match="不超过5年"):
        check_dates(renewed.title, renewed.promulgated_on, renewed.effective_from,
                    dt.date(renewal.year + 6, 1, 1), renewed_on=renewal)
    with pytest.raises(ActionRefused, match="不超过5年"):  # no renewal: 5 years from 施行
        check_dates(renewed.title, renewed.promulgated_on, renewed.effective_from, renewed.expires_on)


def test_written_on_after_promulgation_is_refused(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:create"),
                           {**FORM, "organization": org.pk, "lead_issuer": org.pk, "written_on": "2020-09-02"})
    assert response.status_code == 200
    assert "成文日期不能晚于公布日期" in response.content.decode()
    assert not NormativeDocument.objects.exists()


def test_registering_an_item_written_after_its_promulgation_is_refused(org, editor, reviewer):
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing.factories import published_item

    ensure_catalog(org)
    item = published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1")], title="沂源县殡葬管理办法",
                          doc_number="源政办发〔2020〕8号", written_on=D("2020-09-05"))
    data = {"promulgated_on": D("2020-09-01"), "effective_from": D("2020-10-01"), "expires_on": D("2025-09-30"),
            "legality_reviewer": "沂源县司法局", "legality_reviewed_on": D("2020-08-20"), "legality_opinion": "合法"}
    with pytest.raises(ActionRefused, match="成文日期不能晚于公布日期"):
        services.register(editor, item, data)


def test_the_item_edit_cannot_put_the_written_date_after_the_registered_promulgation(org, editor, reviewer):
    """The rule holds through publishing's item edit too, not only the register's own forms (review)."""
    from gongkai.publishing import services as publishing

    doc = normative_document(org, editor, reviewer, promulgated_on="2022-01-01", effective_from="2022-02-01",
                             expires_on="2026-12-31")
    with pytest.raises(ActionRefused, match="成文日期不能晚于公布日期"):
        publishing.update_item(reviewer, doc.item, {"written_on": D("2022-01-06")})
    doc.item.refresh_from_db()
    assert doc.item.written_on is None or doc.item.written_on <= D("2022-01-01")
    publishing.update_item(reviewer, doc.item, {"written_on": D("2021-12-20")})  # before 公布: fine
    doc.item.refresh_from_db()
    assert doc.item.written_on == D("2021-12-20")


def test_each_date_error_names_its_own_field(client, org, editor):
    client.force_login(editor)
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    url = reverse("regulations_staff:create")
    page = client.post(url, {**FORM, "organization": org.pk, "lead_issuer": org.pk, "promulgated_on": future,
                             "written_on": "2020-09-01"}).content.decode()
    assert f"公布日期 {future} 晚于今天" in page and "形成或变更日期" not in page
    page = client.post(url, {**FORM, "organization": org.pk, "lead_issuer": org.pk,
                             "written_on": "1900-01-01"}).content.decode()
    assert "成文日期 1900-01-01 早于 1949年10月1日" in page and "形成或变更日期" not in page
    assert not NormativeDocument.objects.exists()


@pytest.mark.parametrize("field", ["co_issuers", "lead_issuer"])
def test_a_huge_id_is_a_form_error(client, org, editor, field):
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:create"),
                           {**FORM, "organization": org.pk, "lead_issuer": org.pk, field: [HUGE]})
    assert response.status_code == 200 and not NormativeDocument.objects.exists()


def test_a_huge_id_in_the_campaign_and_relation_forms_is_a_form_error(client, org, editor, reviewer):
    doc = normative_document(org, editor, reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:campaign_create"),
                           {"organization": org.pk, "title": "2026年清理", "documents": [doc.pk, HUGE]})
    assert response.status_code == 200
    response = client.post(reverse("regulations_staff:relate", kwargs={"document_id": doc.pk}),
                           {"kind": "repeals", "target": HUGE})
    assert response.status_code == 200


def test_an_editor_cannot_change_the_issuers_of_a_published_document_through_the_form(client, org, editor, reviewer):
    doc = normative_document(org, editor, reviewer)
    other = OrganizationFactory(name="沂源县司法局")
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": doc.pk}),
                           _meta(doc, co_issuers=[other.pk]))
    assert response.status_code == 200 and "只能由本单位审核员更正" in response.content.decode()
    assert doc.issuer_list() == [org]
