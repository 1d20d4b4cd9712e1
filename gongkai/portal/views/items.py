"""The item page with its 信息索引表, the print view and attachment downloads."""

from functools import lru_cache

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.core.sanitize import render_rich_text
from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal import fragments
from gongkai.portal.queries import CatalogIndex, public_items
from gongkai.portal.sites import current_site_profile
from gongkai.publishing.choices import State
from gongkai.publishing.models import Attachment

# Content types a browser might render or run; an attachment is never served as one of them.
ACTIVE_CONTENT_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
    "application/javascript", "text/javascript",
})
FALLBACK_CONTENT_TYPE = "application/octet-stream"
QR_CACHE_SIZE = 512
# Stands for the page's QR code in the cached article (letters only: escaping leaves it as it is).
QR_PLACEHOLDER = "GongkaiShareQrPlaceholder"


def safe_content_type(content_type: str) -> str:
    """The stored content type, unless it is empty, textual or active content."""
    essence = (content_type or "").split(";")[0].strip().lower()
    if not essence or "/" not in essence or essence in ACTIVE_CONTENT_TYPES or essence.startswith("text/"):
        return FALLBACK_CONTENT_TYPE
    return essence


def _public_item(request, item_id):
    queryset = public_items(request).select_related("organization", "normative").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.defer("text")), "catalog_nodes")
    return get_object_or_404(queryset, pk=item_id)


def _cached_or_404(request, name: str, item_id, compute) -> dict:
    """`compute()` from the fragment cache (gongkai/portal/fragments.py) per site profile, item and
    language (the breadcrumbs hold translated labels and language-prefixed URLs); None (not public) is a 404."""
    profile = current_site_profile(request)
    value = fragments.cached(name, profile.pk if profile else None, item_id, get_language(), compute=compute)
    if value is None:
        raise Http404
    return value


def _item_context(request, item_id) -> dict:
    """The print view's context."""
    return _cached_or_404(request, "item-context", item_id, lambda: _build_item_context(request, item_id))


def _item_page(request, item_id) -> dict:
    """The item page's parts that are the same for every reader, as rendered HTML and plain strings (a
    cache hit unpickles a few strings, not model instances)."""
    return _cached_or_404(request, "item-page", item_id, lambda: _render_item_page(request, item_id))


def _render_item_page(request, item_id) -> dict | None:
    context = _build_item_context(request, item_id)
    if context is None:
        return None  # cached too: publishing the item starts a new generation
    return {
        "title": str(context["item"].title),
        "has_pdf": context["has_pdf"],
        "breadcrumbs": mark_safe(render_to_string("includes/breadcrumbs.html", context)),
        "article": mark_safe(render_to_string("portal/includes/item_article.html",
                                              {**context, "share_qr_placeholder": QR_PLACEHOLDER})),
    }


def _build_item_context(request, item_id) -> dict | None:
    try:
        item = _public_item(request, item_id)
    except Http404:
        return None  # cached too: publishing the item starts a new generation
    organization = item.organization
    nodes = list(item.catalog_nodes.all())
    if nodes:
        trail = crumbs.catalog_trail(organization, CatalogIndex.cached(organization).path(nodes[0].id))
    else:
        trail = crumbs.organization_trail(organization)
    return {
        "item": item,
        "organization": organization,
        "nodes": nodes,
        "attachments": (attachments := list(item.attachments.all())),
        "has_pdf": any(a.is_pdf for a in attachments),
        # The body is stored sanitized; it is sanitized again here, right before being marked safe.
        "body": render_rich_text(item.body),
        "is_withdrawn": item.state == State.WITHDRAWN,
        "breadcrumbs": crumbs.current(trail, item.title),
        "keywords": item.keywords.split(),
    }


def share_qr_svg(url: str) -> str:
    """An inline SVG QR code of the page's address, for reading it on a phone (no image file, no script)."""
    return _qr_svg(url, str(_("本页二维码")))


@lru_cache(maxsize=QR_CACHE_SIZE)
def _qr_svg(url: str, label: str) -> str:
    """(A pure function of the address and the label: the last QR_CACHE_SIZE are kept in each process.)"""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, title=label)
    # role="img" with a name: screen readers announce the image (a bare <svg> may be skipped or read as a group).
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


@require_safe
def item_detail(request, item_id):
    page = _item_page(request, item_id)
    qr = share_qr_svg(request.build_absolute_uri())  # segno escapes the text
    return render(request, "portal/item.html", {
        "page": page, "article": fragments.fill(page["article"], {QR_PLACEHOLDER: qr})})


@require_safe
def item_print(request, item_id):
    return render(request, "portal/item_print.html", _item_context(request, item_id))


@require_safe
def attachment_image(request, attachment_id):
    """A public item's photo shown in a page (图片新闻): only raster images whose bytes are an image of the
    stored type, served with that type and nosniff; anything else is a 404 (it is only ever downloaded)."""
    import filetype

    from gongkai.core.uploads import IMAGE_MIMES

    attachment = get_object_or_404(
        Attachment.objects.filter(item__in=public_items(request).values("id"), content_type__in=IMAGE_MIMES),
        pk=attachment_id,
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    kind = filetype.guess(handle.read(8192))
    handle.seek(0)
    if kind is None or kind.mime != attachment.content_type:
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def attachment_download(request, attachment_id):
    """Download with the original (Chinese) file name, only while the item is public; never inline."""
    attachment = get_object_or_404(
        Attachment.objects.filter(item__in=public_items(request).values("id")), pk=attachment_id
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=safe_content_type(attachment.content_type))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
