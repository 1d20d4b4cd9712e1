"""The topics this app registers itself (everything about published items: unit, catalog node, 主题分类,
saved search, and the 涉企政策 of enterprise subscribers), and the wiring to notifications and publishing.

Other apps register their own topics (gazette, regulations, …) and call `services.announce`.
"""

import logging
import re

from django.apps import apps as django_apps
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.kinds import register_reference_check
from gongkai.subscriptions.registry import register_topic

UNIT, NODE, TOPIC, SEARCH = "unit", "catalog_node", "topic", "saved_search"
ITEMS = "items"  # the kind of the announcements of published items (one per item)
SEARCH_FIELDS = ("q", "org", "node", "topic", "doc_type")

logger = logging.getLogger(__name__)


def unit_choices(organization_ids=None):
    """The active units; of one site, its own (`organization_ids`, None: every one)."""
    from gongkai.organizations.models import Organization

    units = Organization.objects.filter(is_active=True)
    if organization_ids is not None:
        units = units.filter(pk__in=organization_ids)
    return [(o.pk, o.name) for o in units.order_by("sort_order", "name")]


def node_choices(organization_ids=None):
    """The catalog columns of the active units; of one site, its own units' columns."""
    from gongkai.catalog.models import CatalogNode

    nodes = CatalogNode.objects.filter(organization__is_active=True)
    if organization_ids is not None:
        nodes = nodes.filter(organization_id__in=organization_ids)
    nodes = (nodes.select_related("organization")
             .order_by("organization__sort_order", "organization__name", "sort_order", "name"))
    return [(n.pk, f"{n.organization.name} · {n.name}") for n in nodes]


def topic_choices():
    from gongkai.publishing.choices import Topic

    return Topic.choices


def connect() -> None:
    from gongkai.notifications import addresses
    from gongkai.publishing.events import item_changed
    from gongkai.subscriptions import services

    register_reference_check(follows_node, _("有订阅或保存的检索关注该栏目"))
    register_topic(UNIT, _("单位发布的信息"), unit_choices, order=10, scoped=True)
    register_topic(NODE, _("公开目录栏目"), node_choices, order=20, scoped=True)
    register_topic(TOPIC, _("主题分类"), topic_choices, order=30)
    register_topic(SEARCH, _("检索"), order=40)
    register_topic(services.ENTERPRISE_KIND, _("涉企政策"), order=90)
    if django_apps.is_installed("gongkai.participation"):
        register_topic("consultations", _("意见征集"), order=70)

    for subject, resolver, extras in (
        (services.SUBJECT_CONFIRM, services.resolve_confirm, services.extras_confirm),
        (services.SUBJECT_DELIVERY, services.resolve_delivery, services.extras_delivery),
        (services.SUBJECT_DIGEST, services.resolve_digest, services.extras_digest),
        (services.SUBJECT_MANAGE, services.resolve_manage, services.extras_manage),
    ):
        addresses.register(subject, resolver)
        addresses.register_email_extras(subject, extras)
    item_changed.connect(on_item_changed, dispatch_uid="subscriptions.item_changed")


def on_item_changed(sender, item_id, verb, **kwargs):
    if verb == "published":
        from gongkai.subscriptions.tasks import announce_item

        announce_item.enqueue(item_id)
    elif verb in ("withdrawn", "deleted"):
        drop_pending(item_id)
    elif verb == "updated":  # e.g. changed to 不予公开 or 依申请公开 after its publication
        from gongkai.publishing.models import InformationItem

        if not InformationItem.objects.live().filter(pk=item_id).exists():
            drop_pending(item_id)


def drop_pending(item_id: int) -> int:
    """An item withdrawn (撤回) or deleted before the daily or weekly digest went out: the deliveries still
    waiting for a digest of whatever announced it (its own announcement, a 规范性文件's) are dropped, so no
    digest lists it. What was already mailed stays mailed. Returns how many were dropped."""
    from django.db.models import Q

    from gongkai.subscriptions.models import Delivery

    about_item = Q(announcement__source=f"item:{item_id}") | Q(announcement__url=_item_path(item_id))
    dropped, _per_model = Delivery.objects.filter(about_item, digest__isnull=True, immediate=False).delete()
    return dropped


def drop_pending_no_longer_public() -> int:
    """Before the digests go out: the waiting deliveries about items that are no longer public (withdrawn,
    deleted, changed to 不予公开 or 依申请公开, whatever told us or not) are dropped. Returns how many."""
    from gongkai.publishing.models import InformationItem
    from gongkai.subscriptions.models import Delivery

    pending = (Delivery.objects.filter(digest__isnull=True, immediate=False)
               .values_list("announcement__source", "announcement__url").distinct())
    item_ids = {item_id for source, url in pending if (item_id := _item_of(source, url)) is not None}
    live = set(InformationItem.objects.live().filter(pk__in=item_ids).values_list("pk", flat=True))
    return sum(drop_pending(item_id) for item_id in item_ids - live)


def _item_of(source: str, url: str) -> int | None:
    """The item an announcement is about: its own (source "item:12") or one whose page it links to."""
    from django.conf import settings
    from django.urls import Resolver404, resolve
    from django.utils import translation

    if source.startswith("item:") and source[5:].isdigit():
        return int(source[5:])
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(url)
    except Resolver404:
        return None
    return match.kwargs.get("item_id") if match.view_name == "portal:item" else None


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(text or "")).lower()


def invalid_search_filters(query: dict, organization_ids=None) -> list[str]:
    """The labels of a saved search's filters the search page would not take (search.forms.SearchForm): a
    发布机构 or 目录栏目 that is not the id of an existing one (of one site: of its `organization_ids`, None:
    every one, as the unit and column topics), a 主题分类 or 文种 not among the choices.
    Empty when every filter is valid."""
    from gongkai.catalog.models import CatalogNode
    from gongkai.organizations.models import Organization
    from gongkai.search.forms import SearchForm

    filters = [field for field in SEARCH_FIELDS if field != "q" and query.get(field)]
    form = SearchForm({field: query[field] for field in filters})
    data = form.valid_data()
    # Existing is enough: the search page offers the items (and so the filters) of a unit since merged or
    # abolished too, and a search of them may be followed.
    units, nodes = Organization.objects.all(), CatalogNode.objects.all()
    if organization_ids is not None:  # another site's unit or column is followed on that site, not here
        units, nodes = units.filter(pk__in=organization_ids), nodes.filter(organization_id__in=organization_ids)
    exists = {"org": lambda pk: units.filter(pk=pk).exists(), "node": lambda pk: nodes.filter(pk=pk).exists()}
    return [str(form.fields[field].label) for field in filters
            if field not in data or (field in exists and not exists[field](data[field]))]


def follows_node(node) -> bool:
    """Whether a subscription not cancelled follows `node`, as a 栏目 or as a saved search's 栏目 filter (both
    keep the id): a node a unit no longer needs is then kept, not deleted under its subscribers."""
    from django.db.models import Q

    from gongkai.subscriptions.models import Subscription

    live = Subscription.objects.exclude(status=Subscription.Status.UNSUBSCRIBED)
    return live.filter(Q(kind=NODE, key=str(node.pk))
                       | Q(kind=SEARCH, query__node=str(node.pk)) | Q(kind=SEARCH, query__node=node.pk)).exists()


def _node_id(value) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def search_matches(query: dict, item, node_ids: set[int]) -> bool:
    """Whether a published item belongs in a saved search: every term of q in its text, every filter equal.
    A stored filter that is no valid value (a row saved before filters were checked) matches nothing."""
    if query.get("org") and str(item.organization_id) != str(query["org"]):
        return False
    if query.get("node") and _node_id(query["node"]) not in node_ids:
        return False
    if query.get("topic") and item.topic != query["topic"]:
        return False
    if query.get("doc_type") and item.doc_type != query["doc_type"]:
        return False
    text = _words(" ".join([item.title, item.doc_number, item.keywords, item.summary, item.body]))
    return all(term in text for term in str(query.get("q") or "").lower().split())


def announce_item(item_id: int) -> int:
    """A published item, to the followers of its unit, its catalog nodes, its 主题分类 and the saved
    searches it matches (once per subscriber). Scheduled items wait for `announce_due_items`."""
    from django.db import transaction

    from gongkai.publishing.models import InformationItem
    from gongkai.subscriptions import services
    from gongkai.subscriptions.models import Announcement, Subscription

    item = InformationItem.objects.select_related("organization").filter(pk=item_id).first()
    if item is None or not item.is_public or item.state != "published":
        return 0
    source = f"item:{item.pk}"
    node_ids = set(item.catalog_nodes.values_list("pk", flat=True))
    with transaction.atomic():
        if Announcement.objects.filter(kind=ITEMS, source=source).exists():
            return 0
        candidates = list(services.matching(UNIT, str(item.organization_id), None))
        for node_id in node_ids:
            candidates += services.matching(NODE, str(node_id), None)
        candidates += services.matching(TOPIC, item.topic, None)
        candidates += [s for s in Subscription.objects.filter(status=Subscription.Status.ACTIVE, kind=SEARCH)
                       .select_related("subscriber", "site") if _matches(s, item, node_ids)]
        # Only the subscriptions made on a site that shows the item's unit (several counties on one platform).
        candidates = services.of_site(candidates, item.organization_id)
        summary = item.summary or _words(item.body)[:200]
        text = f"{item.organization.name} {item.title}\n{summary}".strip()
        announcement = Announcement.objects.create(
            kind=ITEMS, key=str(item.pk), subject=item.title[:300], text=text,
            url=_item_path(item.pk), source=source,
        )
        return services.deliver(announcement, candidates)


def _matches(subscription, item, node_ids: set[int]) -> bool:
    """One saved search that cannot be read is left out (and logged), never the announcement to everyone."""
    try:
        return search_matches(subscription.query, item, node_ids)
    except Exception:
        logger.exception("saved search %s could not be matched against item %s", subscription.pk, item.pk)
        return False


def _item_path(item_id: int) -> str:
    """The item's page in the site's own language (announcements store their links so: announcing.announce)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return reverse("portal:item", kwargs={"item_id": item_id})


def announce_due_items() -> int:
    """For `gongkai run_periodic`: items published on a schedule are announced once their time has come
    (those of the last 3 days not announced yet)."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.publishing.models import InformationItem
    from gongkai.subscriptions.models import Announcement

    now = timezone.now()
    recent = InformationItem.objects.filter(state="published", published_at__lte=now,
                                            published_at__gte=now - dt.timedelta(days=3))
    announced = set(Announcement.objects.filter(kind=ITEMS, created_at__gte=now - dt.timedelta(days=4))
                    .values_list("source", flat=True))
    count = 0
    for item_id in recent.values_list("pk", flat=True):
        if f"item:{item_id}" not in announced:
            try:
                count += 1 if announce_item(item_id) else 0
            except Exception:  # one item that cannot be announced stops neither the others nor the digests
                logger.exception("item %s could not be announced", item_id)
    return count


def periodic() -> int:
    """`gongkai run_periodic`: scheduled items that became public, then the digests due."""
    from gongkai.subscriptions import services

    services.purge_request_records()  # the per-address counters of the last two days are all that is kept
    return announce_due_items() + services.send_digests()
