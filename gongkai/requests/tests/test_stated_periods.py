"""Every period a page or message states comes from workdays.statute (the one place it is set), and the
extension a case may still get is stated by the 条例 that governs it (a 2007 case: 15 working days)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.services import handling, interruptions
from gongkai.workdays import statute

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def detail(client, user, case) -> str:
    client.force_login(user)
    return client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()


def test_the_extension_help_follows_the_cases_regulation(client, org, editor):
    under_2019 = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    assert "延长不超过20个工作日（条例第三十三条第二款）" in detail(client, editor, under_2019)
    under_2007 = received_case(org, D("2019-05-06"), state=State.PROCESSING)
    page = detail(client, editor, under_2007)
    assert "延长不超过15个工作日（2007年条例第二十四条第二款）" in page and "不超过20个工作日" not in page


def test_the_action_panels_state_the_statutes_numbers(client, org, editor, monkeypatch):
    monkeypatch.setattr(statute, "CORRECTION_NOTICE_WORKDAYS", 8)
    monkeypatch.setattr(statute, "CONSULTATION_WORKDAYS", 16)
    monkeypatch.setattr(statute, "FILING_DAYS", 4)
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    page = detail(client, editor, case)
    assert "收到申请之日起8个工作日内一次性告知" in page
    assert "（第三十四条）16个工作日内提出意见" in page
    interruptions.withdraw(editor, case, D("2020-03-05"), "申请人书面撤回")
    assert "办理完结后4日内" in detail(client, editor, case)


def test_the_public_due_and_filing_pages_state_the_statutes_numbers(client, org, editor, supervisor,
                                                                   filing_center, monkeypatch):
    monkeypatch.setattr(statute, "REPLY_WORKDAYS", 21)
    monkeypatch.setattr(statute, "MAX_EXTENSION_WORKDAYS", 22)
    monkeypatch.setattr(statute, "DUE_SOON_WORKDAYS", 5)
    monkeypatch.setattr(statute, "FILING_DAYS", 4)
    page = client.get(reverse("requests_public:index")).content.decode()
    assert "自收到申请之日起21个工作日内答复，经负责人同意可延长不超过22个工作日" in page
    client.force_login(supervisor)
    assert "即将到期（5个工作日内）" in client.get(reverse("requests:due")).content.decode()
    client.force_login(filing_center)
    page = client.get(reverse("requests:filings")).content.decode()
    assert "办理完结后4日内" in page and "第4" in page and "3日" not in page


def test_the_free_pages_refusal_states_the_constant(org, editor, monkeypatch):
    monkeypatch.setattr(statute, "FEE_BY_PAGE_FREE_PAGES", 40)
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    with pytest.raises(Exception, match="40页以内不收费"):
        handling.notify_fee(editor, case, "by_page", 35, D("2020-03-03"))
