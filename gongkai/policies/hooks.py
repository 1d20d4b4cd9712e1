"""What this app registers with the apps below it (see apps.py): publishing's review check, the home
panel, 我的待办, and the search type facet."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.policies import services
from gongkai.policies.models import Delivery, Digest, EnterprisePolicy
from gongkai.policies.quarters import Quarter

PANEL_SIZE = 6


def review_problems(item) -> list[str]:
    return services.review_problems(item)


def home_panel(request):
    """惠企政策 on the home page: policies open today (by the site's date), newest first."""
    from gongkai.portal import panels
    from gongkai.portal.queries import live_items

    today = timezone.localdate()
    found = (services.filter_policies(services.public_policies(live_items(request)), open_on=today)
             .order_by("-item__published_at", "-id")[:PANEL_SIZE])
    entries = []
    for policy in found:
        if policy.delivery == Delivery.AUTOMATIC:
            note = _("免申即享")
        elif policy.ends_on:
            note = _("截止%(date)s") % {"date": policy.ends_on.strftime("%m-%d")}
        else:
            note = _("正在申报")
        entries.append(panels.Entry(policy.item.title, reverse("policies:detail", kwargs={"policy_id": policy.pk}),
                                    policy.item.published_at, note))
    return panels.Panel(_("惠企政策"), reverse("policies:finder") + "?open=on", entries)


def todo_groups(user):
    """A finished quarter's digest not yet sent, for the units where the user may compile or send it."""
    from gongkai.accounts.permissions import organization_ids_with
    from gongkai.workbench import todo

    org_ids = organization_ids_with(user, "policies.push")
    if not org_ids or user.is_superuser:
        return []
    quarter = Quarter.of(timezone.localdate()).previous()
    missing = services.missing_pushes(quarter, org_ids)
    if not missing:
        return []
    drafts = {d.organization_id: d for d in Digest.objects.filter(
        organization_id__in=list(missing), year=quarter.year, quarter=quarter.number).select_related("organization")}
    from gongkai.organizations.models import Organization

    names = dict(Organization.objects.filter(pk__in=list(missing)).values_list("pk", "name"))
    rows = []
    for org_id, count in sorted(missing.items()):
        digest = drafts.get(org_id)
        url = (reverse("policies_staff:digest", kwargs={"digest_id": digest.pk}) if digest
               else reverse("policies_staff:pushes"))
        note = (_("已整理，待审核发送") if digest else _("%(count)s 件政策待整理")) % {"count": count}
        rows.append(todo.Row(_("%(period)s涉企政策推送（%(unit)s）") % {"period": quarter.label, "unit": names[org_id]},
                             url, note, overdue=True))
    return [todo.Group(_("待发送的涉企政策季度推送"), rows[:todo.ROWS_SHOWN], len(rows),
                       reverse("policies_staff:pushes"))]


def policy_item_ids(item_ids) -> set[int]:
    return set(EnterprisePolicy.objects.filter(item_id__in=item_ids).values_list("item_id", flat=True))




def subscription_units(organization_ids=None) -> list[tuple[int, str]]:
    """The 涉企政策 topic's choices on /dy/enterprise_policies/: the units that issued a live policy (each pushes
    its own digest, announced under its id), of the request's site only; the empty choice follows every unit."""
    from gongkai.organizations.models import Organization

    issuers = services.public_policies().values("item__organization_id")
    units = Organization.objects.filter(pk__in=issuers, is_active=True)
    if organization_ids is not None:
        units = units.filter(pk__in=organization_ids)
    return [(o.pk, o.name) for o in units.order_by("sort_order", "id")]
