"""Issue #18, items 6, 8 and 12: the 备案 3日 reading as a setting, the 平常信函 confirmation clock, and a
deadline in a year the calendar does not know yet (期限待定, a task for the administrator, recomputed as soon
as the year is entered from the pasted notice)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.requests import clock as case_clock
from gongkai.requests import due_board, queries
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.ledger import export_rows
from gongkai.requests.models import RequestCase
from gongkai.requests.services import handling, intake, replies
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.clocks import filing_due
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "钱一", "id_number": "11010519491231002X",
             "phone": "13912345678", "info_description": "2019年度农村危房改造补助资金发放名单"}


def lines(case, today):
    case = RequestCase.objects.get(pk=case.pk)
    return {line.key: line for line in case_clock.case_clocks(case, today).lines}


# --- item 8: 平常信函 ------------------------------------------------------------------------------------


def test_an_ordinary_letter_waiting_for_confirmation_is_due_the_day_it_was_registered(org, editor, supervisor_of,
                                                                                          client):
    case = intake.register(editor, org, APPLICANT, channel="letter").case
    registered = timezone.localdate()
    line = lines(case, registered)["confirmation"]
    assert line.due == registered and line.state == "due_soon" and line.is_alert
    assert "条例第三十一条第（二）项" in "".join(line.steps)
    assert lines(case, registered + dt.timedelta(days=1))["confirmation"].state == "overdue"
    assert [row.case for row in queries.my_due_rows(editor)] == [case]
    assert [row.line.key for row in queries.due_rows(supervisor_of(org))] == ["confirmation"]
    client.force_login(editor)
    home = client.get("/staff/").content.decode()
    assert "依申请公开期限提醒" in home and case.tracking_number in home and "平常信函确认期限" in home
    intake.confirm_receipt(editor, RequestCase.objects.get(pk=case.pk), registered, "phone", "已电话确认")
    assert "confirmation" not in lines(case, registered)


@pytest.fixture
def supervisor_of():
    from gongkai.organizations.factories import OrganizationFactory

    def make(org):
        county = OrganizationFactory(name="测试县人民政府")
        org.parent = county
        org.save()
        return user_with_role(county, Role.SUPERVISOR)

    return make


# --- item 12: a year the calendar does not know ------------------------------------------------------------


@pytest.fixture
def library_ends_with_2026(monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))


NOTICE_2027_SHAPE = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初七、周四）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
国务院办公厅
2026年11月30日"""


def test_an_extension_into_an_unknown_year_proceeds_with_a_pending_deadline(org, editor, client, admin_user,
                                                                             library_ends_with_2026):
    # Received 2026-11-16 (Mon); 20 working days: 11-17..20 (4), 23..27 (9), 11-30..12-04 (14),
    # 07..11 (19), 14 (20). An extension of 15 granted 12-01 runs into 2027: 12-28..31 are the 30th..33rd.
    case = received_case(org, D("2026-11-16"), state=State.PROCESSING)
    handling.extend(editor, case, 15, "王主任", D("2026-12-01"), "需要调取多个部门的档案")
    line = lines(case, D("2026-12-15"))["reply"]
    assert line.due is None and line.pending_year == 2027
    assert line.pending_label == "期限待定（2027年节假日安排尚未录入）"
    letter = case.documents.get().document
    assert "2026年11月16日后第35个工作日（具体日期待2027年节假日安排公布后确定）" in str(letter.content)
    client.force_login(editor)
    page = client.get(f"/staff/requests/{case.pk}/").content.decode()
    assert "期限待定（2027年节假日安排尚未录入）" in page
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, D("2026-12-15"))[0]
    assert row["答复期限"] == "期限待定（2027年节假日安排尚未录入）" and row["是否逾期"] == ""
    # The administrator's 我的待办 carries the task, the admin page reads the pasted notice.
    assert due_board.pending_calendar_years(D("2026-12-15")) == {2027: 1}
    client.force_login(admin_user)
    home = client.get("/staff/").content.decode()
    assert "该年的节假日安排尚未录入" in home and "/admin/workdays/calendaryear/from-notice/?year=2027" in home
    url = "/admin/workdays/calendaryear/from-notice/"
    preview = client.post(url, {"year": "", "source": "", "text": NOTICE_2027_SHAPE, "preview": "1"})
    content = preview.content.decode()
    assert "2027-02-11" in content and "2027-01-31" in content and not CalendarYear.objects.exists()
    saved = client.post(url, {"year": "2027", "source": "", "text": NOTICE_2027_SHAPE, "save": "1"})
    assert saved.status_code == 302
    assert CalendarYear.objects.get().source == "国办发明电〔2026〕99号"
    assert DayOverride.objects.get(date=D("2027-01-31")).kind == DayOverride.Kind.WORKDAY
    # Recomputed at once: 2027-01-01..03 元旦, 01-04 (34), 01-05 (35).
    assert lines(case, D("2026-12-15"))["reply"].due == D("2027-01-05")
    assert due_board.pending_calendar_years(D("2026-12-15")) == {}


def test_only_an_administrator_may_enter_a_year(client, editor):
    client.force_login(editor)
    response = client.get("/admin/workdays/calendaryear/from-notice/")
    assert response.status_code in (302, 403)


# --- item 6: the 备案 3日 reading --------------------------------------------------------------------------


def test_the_filing_reading_is_a_setting_and_the_page_does_not_quote_it_as_the_county(settings, org, editor,
                                                                                        reviewer, client):
    # Replied Friday 2020-03-20: 3rd working day after = Wednesday 03-25; 3rd natural day = Monday 03-23.
    assert filing_due(D("2020-03-20")) == D("2020-03-25")
    assert filing_due(D("2020-03-20"), kind="days") == D("2020-03-23")
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件"})
    replies.approve_reply(reviewer, RequestCase.objects.get(pk=case.pk), D("2020-03-20"))
    line = lines(case, D("2020-03-21"))["filing"]
    assert line.due == D("2020-03-25")
    assert line.steps[0] == "工作要点第十条：办理完结后3日内报县大数据发展服务中心备案。"
    assert "本平台按工作日理解" in line.steps[1]
    settings.GONGKAI_FILING_DAYS = "days"
    line = lines(case, D("2020-03-21"))["filing"]
    assert line.due == D("2020-03-23") and "本平台按自然日理解" in line.steps[1]
    center = user_with_role(org, Role.FILING_CENTER)
    client.force_login(center)
    page = client.get("/staff/requests/filings/").content.decode()
    assert "工作要点第十条：办理完结后3日内报县大数据发展服务中心备案。" in page
    assert "本平台按自然日计算" in page and "答复后3个工作日内" not in page


def test_the_citizen_sees_a_pending_deadline_with_its_period(org, editor, client, library_ends_with_2026,
                                                             monkeypatch):
    from gongkai.requests.views.public import SESSION_CASE

    monkeypatch.setattr("gongkai.requests.clock.timezone.localdate", lambda: D("2026-12-04"))
    case = received_case(org, D("2026-12-04"), state=State.PROCESSING)
    session = client.session
    session[SESSION_CASE] = case.pk
    session.save()
    page = client.get(reverse("requests_public:case")).content.decode()
    assert "期限待定：2027年节假日安排公布后确定（自收到申请之日起20个工作日）" in page
    assert "收到申请后计算" not in page
    handling.extend(editor, case, 15, "王主任", D("2026-12-04"), "需要调取多个部门的档案")
    page = client.get(reverse("requests_public:case")).content.decode()
    assert "（自收到申请之日起20个工作日，另延长15个工作日）" in page


def test_a_correction_period_into_an_unentered_year_is_stated_and_the_notice_goes_out(
        org, editor, client, library_ends_with_2026, monkeypatch):
    monkeypatch.setattr("gongkai.requests.services.common.timezone.localdate", lambda: D("2026-12-04"))
    case = received_case(org, D("2026-12-01"), state=State.PROCESSING)
    client.force_login(editor)
    url = reverse("requests:correction", args=[case.pk])
    matters = "请补充所需信息的文件名称、文号及形成时间"
    # A refusal keeps what was typed: the 告知日期 cannot be before the 收到申请日期.
    refused = client.post(url, {"matters": matters, "period": "20", "on": "2026-11-30"})
    assert refused.status_code == 400 and matters in refused.content.decode()
    assert "不能早于收到申请日期" in refused.content.decode()
    # 20 working days after 2026-12-04 end in January 2027, whose days are not entered yet.
    issued = client.post(url, {"matters": matters, "period": "20", "on": "2026-12-04"})
    assert issued.status_code == 302
    case = RequestCase.objects.get(pk=case.pk)
    assert case.state == State.CORRECTION
    letter = str(case.documents.get().document.content)
    assert "2026年12月4日后第20个工作日（具体日期待2027年节假日安排公布后确定）" in letter and matters in letter


def test_a_confirmation_without_a_note_reads_without_a_dangling_colon(org, editor, client):
    case = intake.register(editor, org, APPLICANT, channel="online").case
    intake.confirm_receipt(editor, RequestCase.objects.get(pk=case.pk), timezone.localdate(), "phone", "")
    client.force_login(editor)
    page = client.get(f"/staff/requests/{case.pk}/").content.decode()
    assert "网络（电话确认）" in page and "电话确认：" not in page
