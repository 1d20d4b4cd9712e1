"""Which published pages an item appears on, and refreshing them when it changes
(docs/decisions/0007-page-cache.md).

`publishing.events.item_changed` (created, updated, published, withdrawn, deleted, ...) enqueues
`refresh_item_pages`, which removes the stored files of exactly the pages that show the item — its
own page and print page, the list pages of its catalog nodes, its organization's column (and the
column pages of the organizations above it), the 信息公开 entry and home pages, the feeds that list it,
the sitemaps, and the 规范性文件/政策解读/政府公报 sections — in both languages and for every site profile
(host) that has stored pages. The next visitor's request renders the page afresh and stores it again.
A scheduled item is refreshed again at its publication time.
"""

import logging

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from gongkai.core import pagecache

logger = logging.getLogger(__name__)
SECTIONS = ("regulations:library", "interpretations:list", "gazette:archive")


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def affected(item) -> tuple[list[str], list[str]]:
    """(exact paths, path prefixes) of the pages that show `item`."""
    nodes = list(item.catalog_nodes.all())
    organizations = {item.organization, *(node.organization for node in nodes)}
    paths, prefixes = ["/", reverse("portal:column"), reverse("portal:item", args=[item.id]),
                       reverse("portal:item_print", args=[item.id])], []
    for organization in organizations:
        prefixes.append(reverse("portal:org_column", args=[organization.id]))
        paths += [reverse("portal:org_column", args=[ancestor.id]) for ancestor in organization.ancestors()]
    paths += [reverse("portal:node", args=[node.organization_id, node.id]) for node in nodes]
    prefixes += [path for path in (_reverse(name) for name in SECTIONS) if path]
    # Named in the active language; core.pagecache.purge refreshes them in every language.
    feeds = [_reverse("feeds:latest_rss"), _reverse("feeds:latest_atom"), _reverse("feeds:sitemap")]
    for organization in organizations:
        feeds += [_reverse("feeds:org_rss", organization.id), _reverse("feeds:org_atom", organization.id)]
    for node in nodes:
        feeds += [_reverse("feeds:node_rss", node.id), _reverse("feeds:node_atom", node.id)]
    return paths + [path for path in feeds if path], prefixes


def refresh(item_id: int) -> int:
    from gongkai.publishing.models import InformationItem

    item = InformationItem.objects.select_related("organization").filter(pk=item_id).first()
    if item is None:  # gone for good: every list may have shown it
        return pagecache.purge_all()
    paths, prefixes = affected(item)
    removed = pagecache.purge(paths, prefixes)
    removed += pagecache.purge_matching("sitemap-*.xml")
    return removed


@task()
def refresh_item_pages(item_id: int) -> int:
    return refresh(item_id)


def on_item_changed(sender, item_id, verb, **kwargs):
    if not pagecache.enabled():
        return
    try:
        refresh_item_pages.enqueue(item_id)
        _refresh_at_publication(item_id)
    except Exception:
        # A failed refresh must never break publishing: run_periodic's sweep removes old pages.
        logger.exception("refreshing the pages of item %s failed", item_id)


def _refresh_at_publication(item_id: int) -> None:
    from gongkai.publishing.models import InformationItem

    publish_at = InformationItem.objects.filter(pk=item_id).values_list("published_at", flat=True).first()
    if publish_at and publish_at > timezone.now() and refresh_item_pages.get_backend().supports_defer:
        transaction.on_commit(lambda: refresh_item_pages.using(run_after=publish_at).enqueue(item_id))
