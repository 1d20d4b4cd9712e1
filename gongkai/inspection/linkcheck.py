"""Checking the links of published bodies: internal ones against the URLconf and the database (always),
external ones over the network only when GONGKAI_INSPECTION_EXTERNAL_LINKS is on, with a timeout.

Never in tests: the test settings leave external checks off, and `check_external` is the only function
that opens a connection.
"""

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve

LANGUAGE_PREFIX = re.compile(r"^/(?:en|zh-hans)(?=/)")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        name = {"a": "href", "img": "src", "iframe": "src", "source": "src"}.get(tag)
        for key, value in attrs:
            if key == name and value and value.strip():
                self.links.append(value.strip())


def links_in(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html or "")
    return list(dict.fromkeys(parser.links))


def internal_hosts() -> set[str]:
    from gongkai.portal.models import SiteProfile

    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")}
    hosts |= {h.lower() for h in SiteProfile.objects.exclude(host="").values_list("host", flat=True)}
    return hosts


def is_internal(url: str, hosts: set[str]) -> bool:
    parts = urlsplit(url)
    return not parts.netloc or (parts.hostname or "").lower() in hosts


def check_internal(url: str) -> str | None:
    """Why an internal link is broken, or None when it works."""
    path = LANGUAGE_PREFIX.sub("", urlsplit(url).path or "/")
    if not path.startswith("/"):
        return "relative"  # a relative path in a body resolves against the item page: not a valid target
    if path.startswith(settings.STATIC_URL):
        return None if finders.find(path[len(settings.STATIC_URL):]) else "static_missing"
    if path.startswith(settings.MEDIA_URL):
        return "media_not_served"
    try:
        match = resolve(path)
    except Resolver404:
        return "not_found"
    return _check_target(match.view_name, match.kwargs)


def _check_target(view_name: str, kwargs: dict) -> str | None:
    from gongkai.catalog.models import CatalogNode
    from gongkai.organizations.models import Organization
    from gongkai.publishing.models import Attachment, InformationItem

    public = InformationItem.objects.public()
    if view_name in ("portal:item", "portal:item_print"):
        return None if public.filter(pk=kwargs["item_id"]).exists() else "item_not_public"
    if view_name == "portal:attachment":
        attachment = Attachment.objects.filter(pk=kwargs["attachment_id"], item__in=public).first()
        if attachment is None:
            return "attachment_not_public"
        return None if attachment.file and attachment.file.storage.exists(attachment.file.name) else "file_missing"
    if view_name == "portal:node":
        exists = CatalogNode.objects.filter(pk=kwargs["node_id"], organization_id=kwargs["org_id"]).exists()
        return None if exists else "node_not_found"
    if "org_id" in kwargs and view_name.startswith("portal:"):
        return None if Organization.objects.filter(pk=kwargs["org_id"]).exists() else "organization_not_found"
    return None


def external_enabled() -> bool:
    return bool(getattr(settings, "GONGKAI_INSPECTION_EXTERNAL_LINKS", False))


def check_external(url: str) -> str | None:
    """HEAD (then GET) the URL with the configured timeout; the reason when it fails."""
    timeout = getattr(settings, "GONGKAI_INSPECTION_LINK_TIMEOUT", 5)
    if urlsplit(url).scheme not in ("http", "https"):
        return "scheme"
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "Gongkai link check"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
                if response.status < 400:
                    return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD
            return f"http_{exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"unreachable: {type(exc).__name__}"
    return "unreachable"


def skipped(url: str) -> bool:
    return url.lower().startswith(SKIPPED_SCHEMES)
