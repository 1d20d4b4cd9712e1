"""条例第二十六条: proactive information published after its period — 20 working days after it was formed,
or the period another law sets for its catalog node (第二句, e.g. 预算法第十四条; publishing.lag) — and
proactive information whose period has passed while it is still unpublished (shown before it is published
late, and before an inspector finds it)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.indicators import LOOKBACK_DAYS
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import text
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.lag import NEVER_LATE_WITHIN_DAYS, item_publication_lag, may_be_late
from gongkai.publishing.models import InformationItem
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar


def _late(items, published_on: dt.date | None = None):
    """(item, lag) of each item late under its rule (publishing.lag: the 条例's 20 working days, or the period
    of the law its catalog node names), judged on its publication day or on `published_on` (not yet
    published: today). An item of a year the calendar does not know yet is judged once it does."""
    cal = WorkdayCalendar()
    for item in items:
        try:
            lag = item_publication_lag(item, cal, published_on=published_on)
        except UnknownYearError:
            continue
        if lag.is_late:
            yield item, lag


def _hit(item, lag, message: str, url: str, **dates) -> Hit:
    """The finding of a late item. `message` says it under the 条例 (「形成于…」) or, when the item's node names
    another law (预算法第十四条), under that law (「批复之日为…，按《预算法》第十四条第二款应于…前公开」): its
    parameters are the item's title, its 形成或变更日期, the due date, the rule's source and event, and `dates`."""
    values = {"title": item.title[:80], "formed": item.formed_on.isoformat(), "source": lag.rule.source,
              "runs_from": lag.rule.runs_from, "due": lag.due.isoformat(), "late": lag.late_workdays,
              **{name: day.isoformat() for name, day in dates.items()}}
    return Hit(item.organization_id, f"item:{item.pk}", text(message, **values),
               {"urls": [url], "dates": {"formed_on": item.formed_on.isoformat(), "due": lag.due.isoformat(),
                                         **{f"{name}_on": day.isoformat() for name, day in dates.items()}},
                "counts": {"late_workdays": lag.late_workdays}, "rule": lag.rule.source})


class PublicationLag(Rule):
    code = "publication_lag"
    title = gettext_lazy("信息超过法定时限才公开")
    indicator = "timeliness"
    source = gettext_lazy("条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
               "法律、法规对政府信息公开的期限另有规定的，从其规定（如预算法第十四条：批准或批复后20日内）")

    def check(self, context):
        since = context.now - dt.timedelta(days=LOOKBACK_DAYS)
        # Items that were public (withdrawn ones too): not one scheduled and withdrawn before its time, never published.
        items = InformationItem.objects.public(now=context.now).filter(
            may_be_late(),  # items published sooner cannot be late under any rule (publishing.lag)
            organization_id__in=context.organization_ids, published_at__gte=since,
        ).only("pk", "title", "organization_id", "formed_on", "published_at").prefetch_related("catalog_nodes")
        for item, lag in _late(items):
            if lag.rule.key:
                message = gettext_noop("《%(title)s》%(runs_from)s为%(formed)s，按%(source)s应于%(due)s前公开，"
                                       "%(published)s才公开，超过法定时限%(late)d个工作日。")
            else:
                message = gettext_noop("《%(title)s》形成于%(formed)s，%(published)s才公开，超过法定时限%(late)d个工作日。")
            yield _hit(item, lag, message, reverse("portal:item", args=[item.pk]), published=lag.published_on)


# An item on its way to publication: written, in review, returned, approved, or scheduled for later.
NOT_YET_PUBLISHED = (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED)


class PublicationOverdue(Rule):
    code = "publication_overdue"
    title = gettext_lazy("主动公开信息已超过法定时限仍未公开")
    indicator = "timeliness"
    source = gettext_lazy("条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
                          "法律、法规对政府信息公开的期限另有规定的，从其规定（如预算法第十四条：批准或批复后20日内）。"
                          "信息仍在草稿、审核或定时发布中而时限已过的，在公开前即列为问题")

    def check(self, context):
        today = context.today
        items = InformationItem.objects.filter(
            Q(state__in=NOT_YET_PUBLISHED) | Q(state=State.PUBLISHED, published_at__gt=context.now),
            organization_id__in=context.organization_ids, disclosure_mode=DisclosureMode.PROACTIVE,
            # formed long enough ago to be late today under any rule, and within the inspection's year
            formed_on__lt=today - dt.timedelta(days=NEVER_LATE_WITHIN_DAYS),
            formed_on__gte=today - dt.timedelta(days=LOOKBACK_DAYS),
        ).only("pk", "title", "organization_id", "formed_on").prefetch_related("catalog_nodes")
        for item, lag in _late(items, published_on=today):
            if lag.rule.key:  # a law's own period (预算法第十四条): cite it, and the event its date records
                message = gettext_noop("《%(title)s》%(runs_from)s为%(formed)s，按%(source)s应于%(due)s前公开，"
                                       "至今尚未公开。")
            else:
                message = gettext_noop("《%(title)s》形成于%(formed)s，应于%(due)s前主动公开，至今尚未公开。")
            yield _hit(item, lag, message, reverse("publishing:detail", args=[item.pk]))
