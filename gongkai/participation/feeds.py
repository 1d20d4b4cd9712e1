"""RSS of the 「公众参与」 column: consultations (opened, extended, 采纳情况 published), hearings and events.
Titles, dates and the organization only; never a comment or a registrant."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.participation import queries
from gongkai.participation.labels import status_label
from gongkai.portal.queries import site_organization_ids

FEED_SIZE = 30


def _aware(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))


class ParticipationFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("公众参与：征求意见、听证会和公众参与活动")

    def link(self):
        return reverse("participation:index")

    def description(self):
        return _("公开征求意见（含采纳情况）、听证会和政府开放日等活动的最新信息。")

    def items(self):
        ids = site_organization_ids(self.request)
        today = timezone.localdate()
        rows = []
        for c in queries.consultations(ids).filter(opens_on__lte=today).order_by("-opens_on")[:FEED_SIZE]:
            rows.append({"title": f"{c.title}（{status_label(c, today)}）",
                         "link": reverse("participation:consultation", kwargs={"consultation_id": c.pk}),
                         "date": c.outcome_published_at or c.published_at or _aware(c.opens_on),
                         "text": _("%(org)s公开征求意见，%(start)s至%(end)s。") % {
                             "org": c.organization.name, "start": c.opens_on, "end": c.closes_on}})
        for h in queries.hearings(ids).order_by("-starts_at")[:10]:
            rows.append({"title": h.title, "link": reverse("participation:hearing", kwargs={"hearing_id": h.pk}),
                         "date": h.record_published_at or h.created_at, "text": h.organization.name})
        for e in queries.events(ids).order_by("-starts_at")[:10]:
            rows.append({"title": f"{e.get_kind_display()}：{e.title}",
                         "link": reverse("participation:event", kwargs={"event_id": e.pk}),
                         "date": e.followup_published_at or e.created_at, "text": e.organization.name})
        return sorted(rows, key=lambda r: r["date"], reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return item["title"]

    def item_link(self, item):
        return item["link"]

    def item_description(self, item):
        return item["text"]

    def item_pubdate(self, item):
        return item["date"]
