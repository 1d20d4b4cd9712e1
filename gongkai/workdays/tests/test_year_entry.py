"""Entering a year chinesecalendar does not know (2027 with chinesecalendar 1.11): a year marked entered
without its 放假 days must not turn 元旦 and 春节 into working days."""

import datetime as dt

import pytest

from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
ADD = "/admin/workdays/calendaryear/add/"


@pytest.fixture(autouse=True)
def _library_ends_with_2026(monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))


def test_the_plain_add_form_refuses_a_year_without_its_holidays(admin_client):
    response = admin_client.post(ADD, {"year": "2027", "source": "国务院办公厅关于2027年部分节假日安排的通知"})
    page = response.content.decode()
    assert response.status_code == 200 and not CalendarYear.objects.exists()
    assert "尚未录入 2027 年的放假日期" in page and "/admin/workdays/calendaryear/from-notice/?year=2027" in page
    with pytest.raises(UnknownYearError):
        WorkdayCalendar().is_workday(D("2027-01-01"))


def test_the_plain_add_form_marks_a_year_whose_holidays_are_in(admin_client):
    DayOverride.objects.create(date=D("2027-01-01"), kind=DayOverride.Kind.HOLIDAY, note="元旦")
    response = admin_client.post(ADD, {"year": "2027", "source": "国务院办公厅关于2027年部分节假日安排的通知"})
    assert response.status_code == 302 and CalendarYear.objects.get().year == 2027
    cal = WorkdayCalendar()
    assert not cal.is_workday(D("2027-01-01")) and cal.is_workday(D("2027-01-04"))


def test_a_year_marked_entered_without_any_holiday_is_still_unknown():
    # A mark saved some other way (an old row, the shell): 元旦 must not become a reply deadline.
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    DayOverride.objects.create(date=D("2027-02-20"), kind=DayOverride.Kind.WORKDAY, note="调休上班")
    cal = WorkdayCalendar()
    assert not cal.knows_year(2027)
    with pytest.raises(UnknownYearError) as caught:
        cal.add_workdays(D("2026-12-31"), 1)
    assert caught.value.year == 2027


def test_the_notice_form_is_labelled_in_the_readers_language():
    from django.utils import translation

    from gongkai.workdays.admin import NoticeForm

    with translation.override("en"):
        assert NoticeForm().fields["text"].label == "Full text of the notice"
    assert NoticeForm().fields["text"].label == "通知全文"


def test_re_entering_a_corrected_notice_replaces_the_earlier_notices_days(admin_user):
    from gongkai.audit.models import AuditEvent
    from gongkai.workdays.notice import parse_notice
    from gongkai.workdays.services import enter_year

    first = parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n元旦：1月1日放假。\n"
                         "国庆节：10月1日至8日放假调休，共8天。10月9日（星期六）上班。")
    enter_year(admin_user, first, "first")
    DayOverride.objects.create(date=D("2027-05-06"), kind=DayOverride.Kind.HOLIDAY, note="县里另行通知")
    corrected = parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n元旦：1月1日放假。\n"
                             "国庆节：10月1日至7日放假，共7天。")
    enter_year(admin_user, corrected, "corrected")
    cal = WorkdayCalendar()
    assert cal.is_workday(D("2027-10-08"))  # Friday: a working day under the corrected notice
    assert not cal.is_workday(D("2027-10-09"))  # Saturday: no longer a 调休 working day
    assert not cal.is_workday(D("2027-05-06"))  # a day entered on its own is kept
    event = AuditEvent.objects.filter(action="workdays.enter_year").order_by("-pk").first()
    assert "2027-10-08 holiday" in str(event.changes) and "2027-10-09 workday" in str(event.changes)
