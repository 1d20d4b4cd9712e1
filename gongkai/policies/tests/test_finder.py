"""The public finder: filters, 正在申报 by the site's date, the 政策明白纸, the home panel, the feed and the
search type facet."""

import datetime as dt
import io
import time
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import services
from gongkai.policies.factories import enterprise_policy
from gongkai.policies.models import Category, Delivery
from gongkai.publishing import services as publishing

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [entry[0].item.title for entry in response.context["entries"]]


@pytest.fixture
def policies(org, other_org, editor, reviewer):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    today = timezone.localdate()
    other_editor, other_reviewer = user_with_role(other_org, Role.EDITOR), user_with_role(other_org, Role.REVIEWER)
    return {
        "manufacturing": enterprise_policy(org, editor, reviewer, title="制造业技术改造奖补", industries=["C"],
                                           sizes=["large", "medium"], category=Category.SUBSIDY),
        "all": enterprise_policy(org, editor, reviewer, title="稳岗返还", category=Category.EMPLOYMENT,
                                 delivery=Delivery.AUTOMATIC, conditions="足额缴纳失业保险费满12个月的参保单位。"),
        "farming": enterprise_policy(other_org, other_editor, other_reviewer, title="农机购置补贴", industries=["A"],
                                     sizes=["small", "micro", "individual"], category=Category.SUBSIDY),
        "closed": enterprise_policy(org, editor, reviewer, title="去年的外贸展会补助", industries=["C", "F"],
                                    category=Category.MARKET, starts_on=today - dt.timedelta(days=90),
                                    ends_on=today - dt.timedelta(days=1)),
        "upcoming": enterprise_policy(other_org, other_editor, other_reviewer, title="明年的人才补贴", industries=["I"],
                                      category=Category.TALENT, starts_on=today + dt.timedelta(days=5),
                                      ends_on=today + dt.timedelta(days=90)),
    }


def test_the_finder_filters(client, org, other_org, policies):
    url = reverse("policies:finder")
    assert len(titles(client.get(url))) == 5
    # A policy that names no industry applies to every industry.
    assert set(titles(client.get(url, {"industry": "C"}))) == {"制造业技术改造奖补", "稳岗返还", "去年的外贸展会补助"}
    assert set(titles(client.get(url, {"industry": "A"}))) == {"农机购置补贴", "稳岗返还"}
    assert set(titles(client.get(url, {"size": "micro"}))) == {"稳岗返还", "农机购置补贴", "去年的外贸展会补助",
                                                               "明年的人才补贴"}
    assert set(titles(client.get(url, {"category": "subsidy"}))) == {"制造业技术改造奖补", "农机购置补贴"}
    assert set(titles(client.get(url, {"unit": other_org.pk}))) == {"农机购置补贴", "明年的人才补贴"}
    assert titles(client.get(url, {"q": "失业保险"})) == ["稳岗返还"]
    assert set(titles(client.get(url, {"open": "on"}))) == {"制造业技术改造奖补", "稳岗返还", "农机购置补贴"}
    assert titles(client.get(url, {"industry": "C", "size": "large", "open": "on", "category": "subsidy"})) == [
        "制造业技术改造奖补"]
    # Nonsense values are ignored, never an error page.
    assert client.get(url, {"industry": "ZZ", "unit": "x", "page": "-1"}).status_code == 200


def test_each_result_shows_the_six_fields_and_its_state(client, policies):
    page = client.get(reverse("policies:finder")).content.decode()
    for label in ("申请条件", "申报材料", "办理流程", "承办部门", "联系方式", "申报时间"):
        assert label in page
    assert "企业服务股 0533-3221001" in page
    assert "已截止" in page and "正在申报" in page and "尚未开始" in page


def test_open_today_is_the_sites_date_not_the_servers(client, org, editor, reviewer, monkeypatch, settings):
    """01:00 on 1 April in 沂源 is still 31 March in UTC (and on a server whose locale is America/New_York):
    a policy whose window opens on 1 April is open, one that closed on 31 March is closed."""
    published = dt.datetime(2026, 1, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    policy_starting = enterprise_policy(org, editor, reviewer, title="四月一日开始申报", starts_on=dt.date(2026, 4, 1),
                                        ends_on=dt.date(2026, 6, 30), published_at=published)
    policy_ended = enterprise_policy(org, editor, reviewer, title="三月三十一日截止", starts_on=dt.date(2026, 1, 1),
                                     ends_on=dt.date(2026, 3, 31), published_at=published)
    moment = dt.datetime(2026, 4, 1, 1, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        response = client.get(reverse("policies:finder"), {"open": "on"})
        assert titles(response) == ["四月一日开始申报"]
        assert response.context["today"] == dt.date(2026, 4, 1)
        assert policy_ended.status(timezone.localdate()) == "closed"
        assert policy_starting.status(timezone.localdate()) == "open"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_flyer_is_one_printable_page(client, policies):
    from pypdf import PdfReader

    policy = policies["manufacturing"]
    policy.conditions = "在本县注册的规模以上工业企业。" * 40
    policy.materials = [f"第{n}项申报材料的名称和份数要求" for n in range(1, 16)]
    policy.save()
    response = client.get(reverse("policies:flyer", kwargs={"policy_id": policy.pk}))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "制造业技术改造奖补" in text and "第15项申报材料" in text.replace("\n", "")


def test_withdrawn_policies_leave_the_finder(client, org, reviewer, policies):
    publishing.withdraw(reviewer, policies["all"].item, "政策已调整")
    assert "稳岗返还" not in titles(client.get(reverse("policies:finder")))
    assert client.get(reverse("policies:detail", kwargs={"policy_id": policies["all"].pk})).status_code == 404


@pytest.mark.parametrize("validity", ["repealed", "expired"])
def test_a_repealed_or_expired_policy_is_closed_whatever_its_dates(client, policies, validity):
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk=policies["manufacturing"].item_id).update(validity=validity)
    label = {"repealed": "已废止", "expired": "已失效"}[validity]
    found = client.get(reverse("policies:finder"), {"open": "on"})
    assert "制造业技术改造奖补" not in titles(found) and "稳岗返还" in titles(found)
    everything = client.get(reverse("policies:finder")).context["entries"]
    assert [(status, str(text)) for p, status, text, _url in everything if p.item.title == "制造业技术改造奖补"] == [
        ("closed", label)]
    page = client.get(reverse("portal:home")).content.decode()
    panel = page[page.index(">惠企政策</h2>"):]
    assert "制造业技术改造奖补" not in panel[:panel.index("</section>")] and "稳岗返还" in panel
    detail = client.get(reverse("policies:detail", kwargs={"policy_id": policies["manufacturing"].pk}))
    assert label in detail.content.decode() and "正在申报" not in detail.content.decode()


def test_the_home_panel_lists_policies_open_today(client, policies):
    page = client.get(reverse("portal:home")).content.decode()
    panel = page[page.index(">惠企政策</h2>"):]
    panel = panel[:panel.index("</section>")]
    assert "制造业技术改造奖补" in panel and "免申即享" in panel
    assert "去年的外贸展会补助" not in panel and "明年的人才补贴" not in panel
    finder = reverse("policies:finder")
    assert f'href="{finder}">惠企政策查询</a>' in page  # 办事服务
    nav = page[page.index('class="main-nav"'):]
    assert f'<a href="{finder}">惠企政策</a>' in nav[:nav.index("</nav>")]  # the main navigation


def test_the_feed_lists_the_newest_policies(client, policies):
    response = client.get(reverse("policies:feed"))
    assert response.status_code == 200 and "制造业技术改造奖补" in response.content.decode()


def test_search_knows_policy_items(policies):
    from gongkai.search import kinds

    item_ids = [p.item_id for p in policies.values()]
    assert set(kinds.of(item_ids).values()) == {"enterprise_policy"}
    assert services.public_url(policies["all"].item).endswith(f"/{policies['all'].item_id}/")


def test_the_english_finder_separates_materials_with_an_english_semicolon(client, policies):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("policies:finder")
    page = client.get(url).content.decode()
    assert "；" not in page
    with translation.override("zh-hans"):
        url = reverse("policies:finder")
    assert "；" in client.get(url).content.decode()


def test_the_application_period_reads_from_to_in_english(client, org, editor, reviewer):
    """「至」 between the two dates was "To" in English (another app's catalog has "至" for a form label)."""
    today = timezone.localdate()
    enterprise_policy(org, editor, reviewer, title="稳岗返还", starts_on=today, ends_on=today + dt.timedelta(days=30))
    from django.utils import translation

    with translation.override("en"):
        url = reverse("policies:finder")
    page = client.get(url).content.decode()
    period = f"{today:%Y-%m-%d} to {today + dt.timedelta(days=30):%Y-%m-%d}"
    assert period in page
    assert "Published <time" in page and "Publish <time" not in page  # 「发布」 before the date (was "Publish")
