"""Staff pages: a case walked through every state by its unit's staff, the case page explaining each
deadline, personal data shown to the unit and masked for the county, refusals shown in Chinese."""

import datetime as dt
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.forms.staff import RegisterForm
from gongkai.requests.models import RequestCase
from gongkai.requests.tests.conftest import pdf_text

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def login(client, user):
    client.force_login(user)
    return client


def url(name, case, **kwargs):
    return reverse(f"requests:{name}", kwargs={"case_id": case.pk, **kwargs})


def post(client, name, case, data=None, files=None, status=302):
    response = client.post(url(name, case), {**(data or {}), **(files or {})})
    assert response.status_code == status, _problems(response)
    return response


def state(case):
    return RequestCase.objects.get(pk=case.pk).state


def test_register_an_offline_application_received_by_post(client, org, editor):
    login(client, editor)
    response = client.post(reverse("requests:register"), {"form_token": RegisterForm().initial["form_token"],
        "organization": org.pk, "channel": "post", "received_on": "2020-03-02", "applicant_type": "commercial",
        "applicant_name": "沂源某果品有限公司", "id_number": "91370323MA3C0RYL56", "contact_person": "王五",
        "phone": "0533-3221234", "info_description": "2019年果品补贴发放名单", "form_wanted": "paper",
        "delivery_wanted": "post", "address": "沂源县南麻街道",
    })
    assert response.status_code == 200, response.content.decode()[:2000]
    case = RequestCase.objects.get()
    assert case.state == State.ACCEPTED and case.received_on == D("2020-03-02")
    assert case.tracking_number in response.content.decode() and "查询码" in response.content.decode()


def test_party_offices_are_not_offered_for_registration_or_assignment(client, county, supervisor, org):
    """A 党委工作机关 takes no 依申请公开 applications: its editor cannot register a paper one (told why), and
    the 政务公开办's 交办 / 协助调查 lists do not offer it."""
    org.parent = county
    org.save()
    party = OrganizationFactory(kind=Organization.Kind.PARTY, name="中共测试县委宣传部", parent=county)
    login(client, user_with_role(party, Role.EDITOR))
    page = client.get(reverse("requests:register"))
    assert page.status_code == 403 and "党委工作机关不适用《政府信息公开条例》" in page.content.decode()
    response = client.post(reverse("requests:register"), {"form_token": RegisterForm().initial["form_token"],
        "organization": party.pk, "channel": "post", "received_on": "2020-03-02", "applicant_type": "commercial",
        "applicant_name": "沂源某果品有限公司", "id_number": "91370323MA3C0RYL56", "contact_person": "王五",
        "phone": "0533-3221234", "info_description": "2019年宣传经费", "form_wanted": "paper",
        "delivery_wanted": "post", "address": "沂源县南麻街道"})
    assert response.status_code == 403 and not RequestCase.objects.exists()
    case = received_case(org, D("2020-03-02"))
    login(client, supervisor)
    detail = client.get(url("detail", case))
    for key in ("assign", "assist"):
        offered = detail.context["forms"][key].fields["organization"].queryset
        assert org in offered and party not in offered
    response = client.post(url("assign", case), {"organization": party.pk, "instructions": "请办理"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.organization == org


def test_an_ordinary_letter_needs_the_confirmation_method(client, org, editor):
    login(client, editor)
    response = client.post(reverse("requests:register"), {"form_token": RegisterForm().initial["form_token"],
        "organization": org.pk, "channel": "letter", "received_on": "2020-03-02", "applicant_type": "natural_person",
        "applicant_name": "赵六", "phone": "13900000000", "info_description": "某文件", "form_wanted": "paper",
        "delivery_wanted": "pickup",
    })
    assert response.status_code == 400 and "请填写确认方式" in response.content.decode()
    assert not RequestCase.objects.exists()


def test_a_case_waiting_for_confirmation_says_why_it_has_no_deadlines(client, org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PENDING)
    case.clock_events.all().delete()
    login(client, editor)
    page = client.get(url("detail", case)).content.decode()
    assert "尚无时限节点：确认收到申请后，这里记录收到日期和各项期限。" in page
    assert '<th scope="col">节点</th>' not in page  # no empty table


def test_a_case_from_confirmation_to_archive(client, org, editor, reviewer):
    case = received_case(org, D("2020-03-02"), state=State.PENDING)
    case.clock_events.all().delete()
    case.received_on = None
    case.save()
    login(client, editor)
    post(client, "confirm", case, {"on": "2020-03-02", "method": "phone", "note": "电话确认"})
    assert state(case) == State.ACCEPTED
    post(client, "start", case, {})
    post(client, "correction", case, {"matters": "请写明文件名称", "period": 10, "on": "2020-03-03"})
    assert state(case) == State.CORRECTION
    page = client.get(url("detail", case)).content.decode()
    assert "正在等待申请人补正" in page and "暂停计算" in page
    post(client, "correction_received", case, {"on": "2020-03-05", "content": "2019年预算执行报告"})
    post(client, "consult", case, {"kind": "third_party", "party_name": "沂源某公司", "matters": "投标报价",
                                   "on": "2020-03-06"})
    assert state(case) == State.THIRD_PARTY
    consultation = RequestCase.objects.get(pk=case.pk).consultations.get()
    post(client, "letter_received", case, {"target": consultation.pk, "on": "2020-03-09"})
    post(client, "opinion", case, {"target": consultation.pk, "opinion": "disagree", "text": "涉及商业秘密",
                                   "on": "2020-03-13"})
    assert state(case) == State.PROCESSING
    page = client.get(url("detail", case)).content.decode()
    # R = 03-05 (补正), excluded (03-06, 03-13] = 5 working days: 25th working day after 03-05 → 04-10.
    assert "收到补正之日：2020年3月5日" in page and "计 5 个工作日" in page and "2020-04-10" in page
    post(client, "draft", case, {
        "outcome": "部分公开", "reply_content": "提供中标结果公告", "parts-TOTAL_FORMS": 3, "parts-INITIAL_FORMS": 0,
        "parts-0-description": "投标报价明细", "parts-0-article": "art15_third_party", "parts-0-reason": "第三方不同意公开",
    })
    assert state(case) == State.REVIEW
    login(client, reviewer)
    post(client, "review", case, {"decision": "approve", "on": "2020-03-20", "confirm_withholding": "on"})
    assert state(case) == State.REPLIED
    login(client, editor)
    broken = SimpleUploadedFile("回执.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = client.post(url("deliver", case), {"method": "post", "on": "2020-03-23", "proof": broken}, follow=True)
    assert "已损坏" in response.content.decode() and state(case) == State.REPLIED
    proof = SimpleUploadedFile("回执.pdf", _one_page_pdf("EMS"), content_type="application/pdf")
    post(client, "deliver", case, {"method": "post", "on": "2020-03-23"}, {"proof": proof})
    assert state(case) == State.DELIVERED
    page = client.get(url("detail", case)).content.decode()
    assert "备案期限" in page
    post(client, "file", case)
    assert state(case) == State.FILED
    bundle = client.get(url("filing_bundle", case))
    assert bundle.status_code == 200
    post(client, "archive", case)
    assert state(case) == State.ARCHIVED
    post(client, "remedy", case, {"kind": "review", "filed_on": "2020-04-10", "result": "upheld",
                                  "decided_on": "2020-06-01", "authority": "沂源县人民政府"})
    post(client, "proactive", case)
    assert RequestCase.objects.get(pk=case.pk).proactive_item.organization == org


def test_the_filing_bundle_holds_the_application_every_letter_and_the_proof(client, org, editor, reviewer):
    from gongkai.requests.services import filing, handling, replies

    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.extend(editor, case, 5, "王主任", D("2020-03-10"), "需要调取档案")
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件。"})
    replies.approve_reply(reviewer, case, D("2020-03-20"))
    replies.deliver(editor, case, "post", D("2020-03-23"),
                    SimpleUploadedFile("回执.pdf", _one_page_pdf("EMS 1234"), content_type="application/pdf"))
    record = filing.file_case(editor, RequestCase.objects.get(pk=case.pk))
    text = pdf_text(record.bundle)
    assert "政府信息公开申请办理材料（备案）" in text and case.tracking_number in text
    assert "3703**********1234" in text and "370323199001011234" not in text  # masked for the 大数据中心
    assert "政府信息公开申请延期答复告知书" in text and "政府信息公开申请答复书" in text
    assert "EMS 1234" in text


def _one_page_pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_a_refusal_is_a_message_not_an_error(client, org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    login(client, editor)
    response = client.post(url("extend", case), {"workdays": 20, "approver": "王主任", "approved_on": "2020-03-03",
                                                  "reason": "档案量大"}, follow=True)
    assert "延期答复告知书已出具" in response.content.decode()
    response = client.post(url("extend", case), {"workdays": 1, "approver": "王主任", "approved_on": "2020-03-04",
                                                  "reason": "再延"}, follow=True)
    assert "最长不得超过20个工作日" in response.content.decode()


def test_an_invalid_form_shows_the_page_again_with_errors(client, org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    login(client, editor)
    response = post(client, "correction", case, {"matters": "", "period": 99, "on": ""}, status=400)
    assert "提交的内容有误" in response.content.decode()
    assert state(case) == State.PROCESSING


def test_personal_numbers_are_shown_to_the_unit_and_masked_for_the_county(client, county, supervisor):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.organizations.factories import OrganizationFactory

    unit = OrganizationFactory(parent=county)
    case = received_case(unit, D("2020-03-02"))
    unit_editor = user_with_role(unit, Role.EDITOR)
    page = login(client, unit_editor).get(url("detail", case)).content.decode()
    assert "370323199001011234" in page and "13800001234" in page
    page = login(client, supervisor).get(url("detail", case)).content.decode()
    assert "3703**********1234" in page and "138****1234" in page
    assert "370323199001011234" not in page and "13800001234" not in page


def test_the_due_list_shows_overdue_and_due_soon_per_unit_and_county_wide(client, county, supervisor, monkeypatch):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.requests import queries

    a, b = OrganizationFactory(parent=county), OrganizationFactory(parent=county)
    late = received_case(a, D("2020-01-20"), state=State.PROCESSING)  # due 02-25
    soon = received_case(b, D("2020-02-03"), state=State.PROCESSING)  # due 03-02
    waiting = received_case(b, D("2020-01-20"), state=State.CORRECTION)
    waiting.clock_events.create(kind="correction_notice", on=D("2020-01-21"))
    today = D("2020-02-26")
    monkeypatch.setattr(queries.timezone, "localdate", lambda: today)
    rows = queries.due_rows(supervisor)
    found = {(row.case.pk, row.line.key, row.line.state) for row in rows}
    assert (late.pk, "reply", "overdue") in found and (soon.pk, "reply", "due_soon") in found
    assert not any(pk == waiting.pk and key == "reply" for pk, key, _s in found)  # waiting is never overdue
    unit_rows = queries.due_rows(user_with_role(a, Role.EDITOR))
    assert {row.case.pk for row in unit_rows} == {late.pk}
    page = login(client, supervisor).get(reverse("requests:due")).content.decode()
    assert "已逾期" in page


def _problems(response) -> str:
    """The error summary and messages of a page, for a failing assertion."""
    import re

    html = response.content.decode()
    return " | ".join(re.findall(r'<li>([^<]*(?:<a[^>]*>[^<]*</a>[^<]*)?)</li>', html.split("<main", 1)[-1]))[:2000]


def test_numbers_typed_into_the_request_are_masked_on_staff_pages(client, org, editor):
    from gongkai.requests.factories import RequestCaseFactory

    case = RequestCaseFactory(organization=org, info_title="我的宅基地审批材料",
                              info_description="申请人身份证11010519491231002X，手机13912345678，请公开审批材料。")
    client.force_login(editor)
    for url in (reverse("requests:list"), reverse("requests:detail", kwargs={"case_id": case.pk})):
        body = client.get(url).content.decode()
        assert "11010519491231002X" not in body and "13912345678" not in body, url
    detail = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "1101**********002X" in detail and "139****5678" in detail


def test_the_due_list_narrowed_in_the_database_lists_exactly_what_every_case_computed_would(county, supervisor):
    """The database narrowing (queries._alert_candidates) leaves out only cases none of whose clocks can
    be due soon or overdue: same rows as computing every running case, on days around 春节 2020."""
    import random

    from gongkai.requests import queries
    from gongkai.requests.models import ClockEvent

    rng = random.Random(7)
    for n in range(80):
        received = D("2019-12-01") + dt.timedelta(days=rng.randrange(90))
        state = rng.choice([State.ACCEPTED, State.PROCESSING, State.REVIEW, State.DELIVERED, State.PENDING])
        case = received_case(county, received, state=state)
        if state == State.DELIVERED:
            replied = received + dt.timedelta(days=rng.randrange(5, 40))
            ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.REPLIED, on=replied)
            type(case).objects.filter(pk=case.pk).update(replied_on=replied)
        if n % 9 == 0:
            ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.EXTENSION, on=received, workdays=10)
    everything = lambda cases, today, cal: cases  # noqa: E731
    for today in (D("2020-01-10"), D("2020-01-22"), D("2020-02-05"), D("2020-02-20"), D("2020-03-03")):
        narrowed = {(r.case.pk, r.line.key, r.line.state) for r in queries.due_rows(supervisor, today=today)}
        with mock.patch.object(queries, "_alert_candidates", everything):
            computed = {(r.case.pk, r.line.key, r.line.state) for r in queries.due_rows(supervisor, today=today)}
        assert narrowed == computed, today
        assert computed, today
