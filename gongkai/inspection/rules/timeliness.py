"""条例第二十六条: proactive information published more than 20 working days after it was formed."""

import datetime as dt

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.inspection.indicators import LOOKBACK_DAYS
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.models import InformationItem
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import publication_lag
from gongkai.workdays.statute import PROACTIVE_PUBLICATION_WORKDAYS


class PublicationLag(Rule):
    code = "publication_lag"
    title = _("信息超过20个工作日才公开")
    indicator = "timeliness"
    source = _("条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开")

    def check(self, context):
        since = context.now - dt.timedelta(days=LOOKBACK_DAYS)
        items = InformationItem.objects.filter(
            organization_id__in=context.organization_ids, state__in=[State.PUBLISHED, State.WITHDRAWN],
            disclosure_mode=DisclosureMode.PROACTIVE, published_at__gte=since, published_at__lte=context.now,
            # N working days span at least N calendar days: items published sooner cannot be late.
            published_at__date__gt=F("formed_on") + dt.timedelta(days=PROACTIVE_PUBLICATION_WORKDAYS),
        ).only("pk", "title", "organization_id", "formed_on", "published_at")
        cal = WorkdayCalendar()
        for item in items:
            try:
                lag = publication_lag(item.formed_on, timezone.localdate(item.published_at), cal)
            except UnknownYearError:
                continue  # the calendar does not know the year yet: judged once it does
            if lag.is_late:
                yield Hit(item.organization_id, f"item:{item.pk}",
                          _("《%(title)s》形成于%(formed)s，%(published)s才公开，超过法定时限%(late)d个工作日。") % {
                              "title": item.title[:80], "formed": item.formed_on.isoformat(),
                              "published": lag.published_on.isoformat(), "late": lag.late_workdays},
                          {"urls": [reverse("portal:item", args=[item.pk])],
                           "dates": {"formed_on": item.formed_on.isoformat(), "due": lag.due.isoformat(),
                                     "published_on": lag.published_on.isoformat()},
                           "counts": {"late_workdays": lag.late_workdays}})
