"""Updates (国办秘函〔2019〕19号): the home page, 动态/要闻 columns and 通知公告/政策文件 columns not updated,
and columns stale past their own configured interval (应更新但长期未更新)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.models import Severity
from gongkai.inspection.rules.base import Hit, Rule, months_before
from gongkai.inspection.rules.catalog_data import facts, node_url
from gongkai.inspection.wording import Text, text
from gongkai.publishing.models import InformationItem
from gongkai.workdays import statute

NEWS_KEYS = ("plan.news",)
NEWS_WORDS = ("动态", "要闻")
NOTICE_KEYS = ("plan.notices", "art20.1")
NOTICE_WORDS = ("通知公告", "公示公告", "政策文件", "规范性文件")


def is_news(node) -> bool:
    return node.template_key in NEWS_KEYS or any(word in node.name for word in NEWS_WORDS)


def is_notice(node) -> bool:
    return node.template_key in NOTICE_KEYS or any(word in node.name for word in NOTICE_WORDS)


def _day(moment) -> dt.date:
    return timezone.localdate(moment)


def site_roots(organization_ids: set[int]) -> list[int]:
    """The organizations whose site has a home page: the site profiles' roots, or the top-level units."""
    from gongkai.organizations.models import Organization
    from gongkai.portal.models import SiteProfile

    roots = [r for r in SiteProfile.objects.values_list("root_organization_id", flat=True) if r in organization_ids]
    if not roots:
        roots = list(Organization.objects.filter(pk__in=organization_ids, parent__isnull=True).values_list("pk", flat=True))
    return sorted(set(roots))


class HomeNotUpdated(Rule):
    code = "home_not_updated"
    title = gettext_lazy("网站不更新：首页2周内无信息更新")
    indicator = "site_update"
    severity = Severity.VETO
    source = gettext_lazy("国办秘函〔2019〕19号 单项否决指标“网站不更新”：监测时间点前2周内首页栏目无信息更新")

    def check(self, context):
        from gongkai.organizations.services import descendant_ids

        since = context.now - dt.timedelta(days=statute.SITE_UPDATE_DAYS)
        for root in site_roots(context.organization_ids):
            live = InformationItem.objects.live(context.now).filter(organization_id__in=descendant_ids([root]))
            latest = live.order_by("-published_at").values_list("published_at", flat=True).first()
            if latest is None or latest < since:
                yield Hit(root, "home", text(
                    gettext_noop("网站首页%(days)d天内无信息更新（最近一条信息发布于%(date)s）。"),
                    days=statute.SITE_UPDATE_DAYS,
                    date=_day(latest).isoformat() if latest else text(gettext_noop("从未发布"))),
                    {"urls": [reverse("portal:home")], "dates": {"last_published": _day(latest).isoformat()
                                                                 if latest else None}},
                    severity=Severity.VETO)


def _stale(context, node, since, limit_text: Text, code_severity=Severity.DEDUCT) -> Hit | None:
    latest = facts(context).latest.get(node.id)
    if latest is None or latest >= since:  # empty nodes are 空白栏目 (not counted twice)
        return None
    days = (context.today - _day(latest)).days
    return Hit(node.organization_id, f"node:{node.id}",
               text(gettext_noop("“%(path)s”栏目%(limit)s未更新（最近一条发布于%(date)s，已%(days)d天）。"),
                    path=node.path, limit=limit_text, date=_day(latest).isoformat(), days=days),
               {"urls": [node_url(node)], "dates": {"last_published": _day(latest).isoformat()},
                "counts": {"days_since_update": days}})


class NewsStale(Rule):
    code = "news_stale"
    title = gettext_lazy("动态、要闻类栏目2周未更新")
    indicator = "column_update"
    source = gettext_lazy("国办秘函〔2019〕19号 “栏目不更新”：监测时间点前2周内的动态、要闻类栏目未更新")

    def check(self, context):
        since = context.now - dt.timedelta(days=statute.NEWS_COLUMN_UPDATE_DAYS)
        for node in facts(context).leaves():
            if is_news(node):
                hit = _stale(context, node, since, text(gettext_noop("超过2周")))
                if hit:
                    yield hit


class NoticesStale(Rule):
    code = "notices_stale"
    title = gettext_lazy("通知公告、政策文件类栏目6个月未更新")
    indicator = "column_update"
    source = gettext_lazy("国办秘函〔2019〕19号 “栏目不更新”：监测时间点前6个月内的通知公告、政策文件类栏目未更新")

    def check(self, context):
        start = months_before(context.today, statute.NOTICE_COLUMN_UPDATE_MONTHS)
        since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        for node in facts(context).leaves():
            if is_notice(node) and not is_news(node):
                hit = _stale(context, node, since, text(gettext_noop("超过6个月")))
                if hit:
                    yield hit


class StaleNodes(Rule):
    code = "stale_nodes"
    title = gettext_lazy("栏目超过应更新周期未更新")
    indicator = "column_update"
    source = gettext_lazy("国办秘函〔2019〕19号 “栏目不更新”：网站中应更新但长期未更新的栏目；各栏目的应更新周期在目录管理中设定")

    def check(self, context):
        for node in facts(context).leaves():
            if not node.expected_update_days or is_news(node) or is_notice(node):
                continue
            since = context.now - dt.timedelta(days=node.expected_update_days)
            hit = _stale(context, node, since, text(gettext_noop("超过应更新周期%(days)d天"),
                                                    days=node.expected_update_days))
            if hit:
                yield hit
