"""What this app adds to the registries of the apps below it (called from AppConfig.ready())."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import organization_ids_with
from gongkai.participation import queries
from gongkai.participation.labels import AUDIT_ACTIONS
from gongkai.participation.models import Comment, Consultation, PublishState
from gongkai.portal.queries import site_organization_ids
from gongkai.workdays.calendar import UnknownYearError

SEARCH_SOURCE = "participation_consultations"
SEARCH_KIND = "consultation"


def home_panel(request):
    from gongkai.portal import panels

    open_, _upcoming, closed = queries.split_consultations(site_organization_ids(request))
    events = list(queries.events(site_organization_ids(request)).filter(starts_at__gte=timezone.now())
                  .order_by("starts_at")[:2])
    entries = [panels.Entry(c.title, reverse("participation:consultation", kwargs={"consultation_id": c.pk}),
                            c.closes_on, _("征集中")) for c in open_[:3]]
    entries += [panels.Entry(e.title, reverse("participation:event", kwargs={"event_id": e.pk}), e.starts_at,
                             _("报名中") if e.registration_closes_on else _("预告")) for e in events]
    entries += [panels.Entry(c.title, reverse("participation:consultation", kwargs={"consultation_id": c.pk}),
                             c.closes_on, _("已结束")) for c in closed[: max(0, 5 - len(entries))]]
    return panels.Panel(str(_("意见征集和参与活动")), reverse("participation:index"), entries[:5])


def _outcome_due(consultation) -> object:
    from django.conf import settings

    from gongkai.workdays.clocks import consultation_outcome_due

    try:
        return consultation_outcome_due(consultation.closes_on, settings.GONGKAI_CONSULTATION_OUTCOME_WORKDAYS)
    except UnknownYearError:
        return None


def todo_groups(user):
    from gongkai.workbench import todo

    manage = organization_ids_with(user, "participation.manage")
    moderate = organization_ids_with(user, "participation.publish")
    groups = []
    today = timezone.localdate()
    if manage:
        drafts = Consultation.objects.filter(organization_id__in=manage, state=PublishState.DRAFT).order_by("opens_on")
        groups.append(todo.Group(_("待发布的征求意见"), [
            todo.Row(c.title, reverse("participation_staff:consultation", kwargs={"consultation_id": c.pk}),
                     _("拟于%(date)s开始") % {"date": c.opens_on}, overdue=c.opens_on < today)
            for c in drafts[:todo.ROWS_SHOWN]], drafts.count(), reverse("participation_staff:index")))
        due = Consultation.objects.filter(organization_id__in=manage, state=PublishState.PUBLISHED,
                                          closes_on__lt=today, outcome_published_at__isnull=True).order_by("closes_on")
        rows = []
        for c in due[:todo.ROWS_SHOWN]:
            deadline = _outcome_due(c)
            rows.append(todo.Row(c.title, reverse("participation_staff:outcome", kwargs={"consultation_id": c.pk}),
                                 _("采纳情况应于%(date)s前发布") % {"date": deadline} if deadline else "",
                                 overdue=bool(deadline and deadline < today)))
        groups.append(todo.Group(_("待发布的意见采纳情况"), rows, due.count(), reverse("participation_staff:index")))
    if moderate:
        pending = Comment.objects.filter(consultation__organization_id__in=moderate,
                                         state=Comment.State.PENDING).select_related("consultation")
        groups.append(todo.Group(_("待审核的意见"), [
            todo.Row(_("《%(title)s》的意见") % {"title": c.consultation.title},
                     reverse("participation_staff:consultation", kwargs={"consultation_id": c.consultation_id}) + "#comments",
                     c.created_at.strftime("%Y-%m-%d")) for c in pending.order_by("created_at")[:todo.ROWS_SHOWN]],
            pending.count(), reverse("participation_staff:index")))
    return groups


class ParticipationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def __init__(self, organization_ids=None):
        self.organization_ids = organization_ids

    def items(self):
        urls = [reverse("participation:index"), reverse("participation:catalogs"), reverse("participation:meetings")]
        urls += [reverse("participation:consultation", kwargs={"consultation_id": pk})
                 for pk in queries.consultations(self.organization_ids).values_list("pk", flat=True)]
        urls += [reverse("participation:hearing", kwargs={"hearing_id": pk})
                 for pk in queries.hearings(self.organization_ids).values_list("pk", flat=True)]
        urls += [reverse("participation:event", kwargs={"event_id": pk})
                 for pk in queries.events(self.organization_ids).values_list("pk", flat=True)]
        urls += [reverse("participation:catalog", kwargs={"org_id": org, "year": year})
                 for org, year in queries.catalogs(self.organization_ids).values_list("organization_id", "year")]
        return urls

    def location(self, url):
        return url


def register_all():
    from gongkai.audit.labels import ACTION_LABELS
    from gongkai.feeds import sitemaps
    from gongkai.portal import panels
    from gongkai.search import extra, kinds
    from gongkai.workbench import todo

    panels.register(home_panel, watch=("participation.Consultation", "participation.Event",
                                       "organizations.Organization"))
    todo.register(todo_groups)
    extra.register(SEARCH_SOURCE, queries.search, kind=SEARCH_KIND)
    kinds.LABELS.setdefault(SEARCH_KIND, gettext_lazy("征求意见"))
    ACTION_LABELS.update(AUDIT_ACTIONS)
    sitemaps.register("participation", ParticipationSitemap)
