"""RSS 2.0 and Atom feeds: the site's latest information, one organization's, one catalog node's.

Newest first, live items only (published, time reached, not withdrawn), scoped to the site of the
request like the portal. Each entry links to the item page; its description is the 内容概述 or the
beginning of the body as plain text. Every feed carries the site's 数据使用说明 (RSS copyright, Atom rights).

Every text goes out through `core.sanitize.xml_text`: a character XML 1.0 cannot hold (a vertical tab an
import brought from Word, a bell) is dropped, where Django's feed writer would fail the whole feed with a
500. The cached document is keyed on the feed's path, not the whole address: a query string changes nothing.
"""

import copy

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogNode
from gongkai.core.sanitize import html_to_text, xml_text
from gongkai.portal import fragments, queries
from gongkai.portal.datause import data_use
from gongkai.portal.sites import current_site_profile
from gongkai.publishing import validity
from gongkai.publishing.choices import DocType, Topic

FEED_SIZE = 50
DOC_TYPE_LABELS = dict(DocType.choices)
TOPIC_LABELS = dict(Topic.choices)
DESCRIPTION_CHARS = 200


def _rendered(response) -> tuple[bytes, str, str | None]:
    return response.content, response["Content-Type"], response.headers.get("Last-Modified")


def _site_name(request) -> str:
    profile = current_site_profile(request)
    return xml_text(profile.name) if profile else _("政府信息公开平台")


class LatestFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for every request: answer from a copy that knows this request.
        feed = copy.copy(self)
        feed.request = request
        # The document is kept in the fragment cache (gongkai/portal/fragments.py) per site profile,
        # language and address (its links are absolute); a 404 is not cached.
        profile = current_site_profile(request)
        content, content_type, last_modified = fragments.cached(
            "feed", profile.pk if profile else None, get_language(), request.build_absolute_uri(request.path),
            compute=lambda: _rendered(Feed.__call__(feed, request, *args, **kwargs)))
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response.headers["Last-Modified"] = last_modified
        return response

    def title(self, obj=None):
        return _("%(site)s：最新公开信息") % {"site": _site_name(self.request)}

    def description(self, obj=None):
        return _("本站最新主动公开的政府信息。")

    subtitle = description  # Atom

    def feed_copyright(self, obj=None):
        # The site's 数据使用说明 (portal/datause.py): RSS <copyright>, Atom <rights>.
        return xml_text(data_use(self.request).text)

    def link(self, obj=None):
        return reverse("portal:home")

    def item_queryset(self, obj):
        return queries.live_items(self.request).select_related("organization").order_by("-published_at", "-id")

    def items(self, obj=None):
        items = list(self.item_queryset(obj)[:FEED_SIZE])
        # A 规范性文件 reaching its 施行日期 changes its page (尚未施行 → 有效) without a write to its item: its
        # entry's updated date and the feed's Last-Modified count that day (publishing.validity.changed_each).
        self.changes = validity.changed_each([item.id for item in items])
        return validity.mark_items(items)  # each title says 尚未施行 as the lists do (validity_mark)

    def item_title(self, item):
        # A 规范性文件 not (or no longer) in force says so in the reader's list: 「…办法（已废止）」, 「…（尚未施行）」.
        mark = item.validity_mark
        title = xml_text(item.title)
        return _("%(title)s（%(mark)s）") % {"title": title, "mark": mark} if mark else title

    def item_description(self, item):
        text = xml_text(item.summary) or html_to_text(xml_text(item.body))
        return Truncator(text).chars(DESCRIPTION_CHARS)

    def item_link(self, item):
        return reverse("portal:item", kwargs={"item_id": item.id})

    def item_guid(self, item):
        return self.request.build_absolute_uri(self.item_link(item))

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)  # in the site's time (+0800), as readers see it

    def item_updateddate(self, item):
        # A scheduled item was last saved when it was scheduled, before it went live: `validity.modified` never
        # dates it before its publication (its entry, the feed's <updated>, Last-Modified), or readers miss it.
        return timezone.localtime(validity.modified(item, getattr(self, "changes", {})))

    def item_author_name(self, item):
        return xml_text(item.organization.name)

    def item_categories(self, item):
        # (get_FOO_display() rebuilds the field's choices on every call: 50 items × 2 did dominate the feed.)
        categories = [xml_text(DOC_TYPE_LABELS.get(item.doc_type, item.doc_type)),
                      xml_text(TOPIC_LABELS.get(item.topic, item.topic))]
        mark = item.validity_mark
        return [*categories, mark] if mark else categories


class OrganizationFeed(LatestFeed):
    def get_object(self, request, org_id):
        return queries.get_site_organization(request, org_id)

    def title(self, obj=None):
        return _("%(org)s：政府信息公开") % {"org": xml_text(obj.name)}

    def description(self, obj=None):
        return _("%(org)s最新主动公开的政府信息。") % {"org": xml_text(obj.name)}

    subtitle = description

    def link(self, obj=None):
        return reverse("portal:org_column", kwargs={"org_id": obj.id})

    def item_queryset(self, obj):
        return super().item_queryset(obj).filter(organization=obj)


class NodeFeed(LatestFeed):
    def get_object(self, request, node_id):
        node = get_object_or_404(CatalogNode.objects.select_related("organization"), pk=node_id)
        queries.get_site_organization(request, node.organization_id)  # 404 outside this site
        return node

    def title(self, obj=None):
        return _("%(org)s：%(node)s") % {"org": xml_text(obj.organization.name), "node": xml_text(obj.name)}

    def description(self, obj=None):
        return _("“%(node)s”栏目（%(org)s）最新公开的政府信息。") % {"org": xml_text(obj.organization.name),
                                                                 "node": xml_text(obj.name)}

    subtitle = description

    def link(self, obj=None):
        return queries.node_url(obj)

    def item_queryset(self, obj):
        ids = queries.CatalogIndex.cached(obj.organization).subtree_ids(obj.id)
        return queries.items_in_nodes(self.request, ids).defer(None)


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed


class OrganizationAtomFeed(OrganizationFeed):
    feed_type = Atom1Feed


class NodeAtomFeed(NodeFeed):
    feed_type = Atom1Feed
