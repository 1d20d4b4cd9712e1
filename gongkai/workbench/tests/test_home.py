"""我的待办 and the staff area's entrance rules."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import UserFactory, user_with_role
from gongkai.accounts.models import Membership, Role
from gongkai.catalog.services import node_by_key
from gongkai.publishing import services
from gongkai.publishing.factories import published_item
from gongkai.workdays.clocks import proactive_publication_due

pytestmark = pytest.mark.django_db


def draft(org, editor, title):
    return services.create_item(editor, org, {"title": title, "formed_on": dt.date(2020, 8, 10)},
                                [node_by_key(org, "plan.notices")])


def migrated(org, reviewer, title, formed_on, published_on):
    when = timezone.make_aware(dt.datetime.combine(published_on, dt.time(10, 0)))
    return services.record_migrated_item(reviewer, org, {"title": title, "formed_on": formed_on},
                                         [node_by_key(org, "plan.notices")], when)


def section(page: str, anchor: str) -> str:
    """The HTML of one <section> of the dashboard, found by its heading id."""
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</section>", start)]


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_account_without_membership_gets_a_chinese_403(client):
    client.force_login(UserFactory())
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 403
    assert "尚未分配到任何单位的岗位" in response.content.decode()


def test_navigation_and_logout_form(client, org, editor):
    client.force_login(editor)
    page = client.get(reverse("workbench:home")).content.decode()
    for label in ("我的待办", "信息管理", "审核队列"):
        assert label in page
    assert f'href="{reverse("publishing:review_queue")}"' in page
    assert 'aria-current="page">我的待办' in page
    logout = reverse("accounts:logout")
    assert f'method="post" action="{logout}"' in page


def test_dashboard_lists_my_drafts_and_returned_items(client, org, editor, reviewer):
    mine = draft(org, editor, "我的草稿")
    returned = draft(org, editor, "被退回的信息")
    services.submit(editor, returned)
    services.return_item(reviewer, returned, "请补充")
    someone_else = user_with_role(org, Role.EDITOR)
    draft(org, someone_else, "别人的草稿")
    client.force_login(editor)
    drafts = section(client.get(reverse("workbench:home")).content.decode(), "drafts")
    assert mine.title in drafts and returned.title in drafts and "别人的草稿" not in drafts
    assert "（2）" in drafts


def test_dashboard_lists_items_awaiting_my_review_only_in_my_units(client, org, other_org, editor, reviewer):
    waiting = draft(org, editor, "待审核的信息")
    services.submit(editor, waiting)
    other_editor = user_with_role(other_org, Role.EDITOR)
    elsewhere = draft(other_org, other_editor, "其他单位待审核")
    services.submit(other_editor, elsewhere)
    client.force_login(reviewer)
    review = section(client.get(reverse("workbench:home")).content.decode(), "review")
    assert waiting.title in review and elsewhere.title not in review
    client.force_login(editor)
    assert waiting.title not in section(client.get(reverse("workbench:home")).content.decode(), "review")


def test_dashboard_lists_scheduled_items(client, org, editor, reviewer):
    item = draft(org, editor, "定时发布的信息")
    services.submit(editor, item)
    services.approve(reviewer, item, "同意", secrecy_checked=True)
    services.publish(reviewer, item, at=timezone.now() + dt.timedelta(days=1))
    published_item(org, editor, reviewer, title="已经发布的信息")
    client.force_login(editor)
    scheduled = section(client.get(reverse("workbench:home")).content.decode(), "scheduled")
    assert "定时发布的信息" in scheduled and "已经发布的信息" not in scheduled
    assert re.search(r"将于 <time [^>]+>[\d -:]+</time> 发布", scheduled)
    # In English one sentence, not 「to be published on … Publish」 from two separate words.
    english = section(client.get("/en" + reverse("workbench:home")).content.decode(), "scheduled")
    assert re.search(r"to be published on <time [^>]+>[\d -:]+</time></span>", english), english


def test_dashboard_flags_publication_lag_across_the_2020_spring_festival(client, org, editor, reviewer):
    late = migrated(org, reviewer, "春节后才发布的信息", dt.date(2020, 1, 2), dt.date(2020, 3, 10))
    migrated(org, reviewer, "按期发布的信息", dt.date(2020, 1, 2), dt.date(2020, 1, 10))
    client.force_login(editor)
    lags = section(client.get(reverse("workbench:home")).content.decode(), "lags")
    assert late.title in lags and "按期发布的信息" not in lags
    assert proactive_publication_due(dt.date(2020, 1, 2)).isoformat() in lags
    assert "2020-03-10" in lags


def test_dashboard_shows_unknown_calendar_year_instead_of_crashing(client, org, editor, reviewer):
    migrated(org, reviewer, "日历未知年份的信息", dt.date(2003, 12, 20), dt.date(2004, 3, 1))
    client.force_login(editor)
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 200
    assert "系统尚未录入 2003 年的法定节假日和调休安排" in section(response.content.decode(), "lags")


def test_lags_of_other_units_are_not_shown(client, org, other_org, editor):
    other_reviewer = user_with_role(other_org, Role.REVIEWER)
    migrated(other_org, other_reviewer, "其他单位超期", dt.date(2020, 1, 2), dt.date(2020, 3, 10))
    client.force_login(editor)
    assert "其他单位超期" not in client.get(reverse("workbench:home")).content.decode()


def test_lag_boundary_published_on_the_due_day_is_on_time(client, org, editor, reviewer):
    formed = dt.date(2020, 9, 1)
    due = proactive_publication_due(formed)
    migrated(org, reviewer, "最后一天发布", formed, due)
    migrated(org, reviewer, "晚一天发布", formed, due + dt.timedelta(days=1))
    client.force_login(editor)
    lags = section(client.get(reverse("workbench:home")).content.decode(), "lags")
    assert "晚一天发布" in lags and "最后一天发布" not in lags


def test_dashboard_lists_approved_items_awaiting_publication_for_reviewers_only(client, org, editor, reviewer):
    item = draft(org, editor, "已审核尚未发布的信息")
    services.submit(editor, item)
    services.approve(reviewer, item, "同意", secrecy_checked=True)
    client.force_login(reviewer)
    assert "已审核尚未发布的信息" in section(client.get(reverse("workbench:home")).content.decode(), "to-publish")
    client.force_login(editor)
    assert "已审核尚未发布的信息" not in section(client.get(reverse("workbench:home")).content.decode(), "to-publish")


def test_registered_app_tasks_appear_on_my_dashboard_and_empty_groups_stay_hidden(client, editor):
    from gongkai.workbench import todo

    def provider(user):
        rows = [todo.Row("县长信箱 YY-2026-0007", "/staff/somewhere/7/", note="3 日后到期", overdue=True)]
        return [todo.Group("待答复的留言", rows, count=12, more_url="/staff/somewhere/"),
                todo.Group("待审核的评论", [], count=0)]

    todo.register(provider)
    try:
        client.force_login(editor)
        page = client.get(reverse("workbench:home")).content.decode()
    finally:
        todo._PROVIDERS.remove(provider)
    assert "待答复的留言（12）" in page and "县长信箱 YY-2026-0007" in page and "已逾期" in page
    assert 'href="/staff/somewhere/"' in page  # 12 tasks, one shown: a link to all
    assert "待审核的评论" not in page


def test_the_request_clocks_show_the_count_and_the_ten_most_urgent_cases_the_user_handles(client, org, editor):
    """Issue #12: counted from every alert of the cases the user handles (their own or their unit's without
    a handler), the first ten by due date, without computing what the page does not show."""
    from gongkai.requests.choices import State
    from gongkai.requests.factories import received_case

    other = user_with_role(org, Role.EDITOR)
    mine = [received_case(org, dt.date(2020, 3, 2) + dt.timedelta(days=n), state=State.PROCESSING,
                          handler=editor if n % 2 else None) for n in range(12)]
    received_case(org, dt.date(2020, 2, 3), state=State.PROCESSING, handler=other)  # the most overdue, not mine
    accepted = received_case(org, dt.date(2020, 4, 10), state=State.ACCEPTED)  # 补正告知 and reply both late
    client.force_login(editor)
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2020, 6, 1)):
        page = client.get("/staff/")
    shown = section(page.content.decode(), "request-clocks")
    assert "依申请公开期限提醒（14）" in shown  # 12 replies and the accepted case's two clocks
    order = [case.tracking_number for case in mine[:10]]
    assert [shown.index(number) for number in order] == sorted(shown.index(number) for number in order)
    assert shown.count("<li>") == 10 and accepted.tracking_number not in shown
    assert mine[10].tracking_number not in shown and "查看全部" in page.content.decode()


def test_a_deactivated_units_post_is_not_listed(client, org, other_org):
    user = user_with_role(org, Role.EDITOR)
    Membership.objects.create(user=user, organization=other_org, role=Role.REVIEWER)
    other_org.is_active = False
    other_org.save(update_fields=["is_active"])
    client.force_login(user)
    page = client.get(reverse("workbench:home")).content.decode()
    assert f"{org.name}（" in page
    assert other_org.name not in page
