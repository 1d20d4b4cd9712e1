"""The register stays consistent with itself: published entries are corrected only by the 审核员 and never
against the recorded relations, relations start no earlier than the acting document, 文号 are well formed and
unique per unit, the 现行文本 is never an ended document, and the 汇编 survives stray control characters."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import Validity
from gongkai.regulations import services
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.history import current_text
from gongkai.regulations.models import Event, NormativeDocument

pytestmark = pytest.mark.django_db

FORM = {"title": "沂源县文化市场管理办法", "doc_type": "通知", "written_on": "2020-09-01", "topic": "06",
        "body": "<p>第一条</p>", "promulgated_on": "2020-09-01", "effective_from": "2020-10-01",
        "expires_on": "2025-09-30", "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20",
        "legality_opinion": "合法"}


@pytest.fixture
def old(org, editor, reviewer):
    return normative_document(org, editor, reviewer, title="沂源县旧办法", doc_number="源政办发〔2018〕1号",
                              promulgated_on="2018-01-01", effective_from="2018-02-01", expires_on="2022-12-31")


def _newer(org, editor, reviewer, number, promulgated_on="2019-06-01", effective_from="2019-07-01"):
    return normative_document(org, editor, reviewer, title=f"沂源县人民政府决定{number}", doc_number=f"源政发〔2019〕{number}号",
                              promulgated_on=promulgated_on, effective_from=effective_from, expires_on="2024-06-30")


def test_an_editor_cannot_change_a_published_register_entry(client, org, editor, reviewer, old):
    edit = reverse("regulations_staff:edit", kwargs={"document_id": old.pk})
    client.force_login(editor)
    response = client.post(edit, {**FORM, "lead_issuer": org.pk, "promulgated_on": "2018-01-05",
                                  "effective_from": "2018-02-01", "expires_on": "2022-12-31",
                                  "legality_reviewed_on": "2017-12-20"})
    assert "已发布或已撤回文件的登记信息只能由本单位审核员更正" in response.content.decode()
    old.refresh_from_db()
    assert old.promulgated_on == D("2018-01-01")
    services.update_document(reviewer, old, {"promulgated_on": D("2018-01-05")})
    old.refresh_from_db()
    assert old.promulgated_on == D("2018-01-05")


def test_dates_may_not_contradict_recorded_relations(org, editor, reviewer, old):
    repealing = _newer(org, editor, reviewer, 1)
    services.repeal(reviewer, repealing, old)  # from 2019-07-01
    with pytest.raises(ActionRefused, match="公布日期不能晚于2019-07-01"):
        services.update_document(reviewer, old, {"promulgated_on": D("2020-01-01"), "effective_from": D("2020-01-01"),
                                                 "legality_reviewed_on": D("2019-12-01")})
    with pytest.raises(ActionRefused, match="施行日期不能晚于2019-07-01"):
        services.update_document(reviewer, old, {"effective_from": D("2019-08-01")})
    with pytest.raises(ActionRefused, match="公布日期不能晚于2019-07-01"):  # the acting side too
        services.update_document(reviewer, repealing, {"promulgated_on": D("2019-08-01"),
                                                       "effective_from": D("2019-08-01")})
    old.refresh_from_db()
    assert (old.promulgated_on, old.effective_from) == (D("2018-01-01"), D("2018-02-01"))


def test_a_relation_cannot_start_before_the_acting_document_existed(org, editor, reviewer, old):
    repealing = _newer(org, editor, reviewer, 1)
    with pytest.raises(ActionRefused, match="生效日期不能早于本文件的公布日期（2019-06-01）"):
        services.relate(reviewer, repealing, old, "repeals", effective_on=D("2018-06-01"))
    old.refresh_from_db()
    assert old.validity == Validity.VALID and not old.events.exists()


def test_doc_number_must_be_well_formed_and_unique_in_the_unit(client, org, editor, old):
    client.force_login(editor)
    url = reverse("regulations_staff:create")
    for bad in ("abc", "<b>x</b>〔2020〕1号", "源政发〔20〕1号"):
        response = client.post(url, {**FORM, "doc_number": bad, "organization": org.pk, "lead_issuer": org.pk})
        assert "发文字号格式不正确" in response.content.decode(), bad
    response = client.post(url, {**FORM, "doc_number": "源政发\x0b〔2020〕1号", "organization": org.pk,
                                 "lead_issuer": org.pk})
    assert "“发文字号”不能包含控制字符" in response.content.decode()
    response = client.post(url, {**FORM, "doc_number": "源政办发[2018]1号", "organization": org.pk,
                                 "lead_issuer": org.pk})
    assert "本单位已登记发文字号为“源政办发〔2018〕1号”的规范性文件" in response.content.decode()
    assert NormativeDocument.objects.count() == 1
    response = client.post(url, {**FORM, "title": "标\x0b题", "doc_number": "源政办发（2020）2号",
                                 "organization": org.pk, "lead_issuer": org.pk})
    assert "“文件名称”不能包含控制字符" in response.content.decode()
    response = client.post(url, {**FORM, "doc_number": "源政办发（2020）2号", "organization": org.pk,
                                 "lead_issuer": org.pk})
    assert response.status_code == 302 and NormativeDocument.objects.count() == 2


def test_the_current_text_is_never_a_repealed_document(org, editor, reviewer, old):
    amending = _newer(org, editor, reviewer, 1)
    services.amend(reviewer, amending, old)
    old.refresh_from_db()
    assert current_text(old) == amending
    locked = NormativeDocument.objects.select_related("item__organization").get(pk=amending.pk)
    services.change_validity(reviewer, locked, "cleanup_repeal", Event.Kind.CLEANUP_REPEALED, D("2021-01-01"), "清理")
    assert current_text(old) == old


def test_a_control_character_in_a_title_does_not_break_the_docx_compilation(client, org, editor, reviewer):
    normative_document(org, editor, reviewer, title="沂源县\x0b办法", promulgated_on=str(dt.date.today().replace(day=1)),
                       effective_from=str(dt.date.today().replace(day=1)),
                       expires_on=str(dt.date.today().replace(day=1) + dt.timedelta(days=365)))
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"), {"organization": org.pk, "format": "docx"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "沂源县办法" in text


def test_a_second_filing_with_the_same_body_keeps_the_old_number_in_the_audit(reviewer, old):
    from gongkai.audit.models import AuditEvent
    from gongkai.regulations.models import Filing

    services.set_filing(reviewer, old, Filing.Body.GOVERNMENT, D("2018-01-20"), "源政备〔2018〕1号")
    services.set_filing(reviewer, old, Filing.Body.GOVERNMENT, D("2018-01-25"), "源政备〔2018〕2号")
    latest = AuditEvent.objects.filter(action="regulations.filing").order_by("-id").first()
    assert latest.changes["number"] == ["源政备〔2018〕1号", "源政备〔2018〕2号"]


def test_an_editor_cannot_change_the_issuers_of_a_published_document(org, editor, reviewer, old):
    """The 制定机关 the library and the annual report credit is part of the register entry (review)."""
    from gongkai.organizations.factories import OrganizationFactory

    other = OrganizationFactory(name="沂源县司法局")
    with pytest.raises(ActionRefused, match="只能由本单位审核员更正"):
        services.update_document(editor, old, {}, issuers=[org, other])
    assert [o.pk for o in old.issuer_list()] == [org.pk]
    services.update_document(editor, old, {}, issuers=[org])  # unchanged: no correction, allowed
    services.update_document(reviewer, old, {}, issuers=[org, other])
    assert [o.pk for o in old.issuer_list()] == [org.pk, other.pk]
