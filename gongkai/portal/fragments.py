"""Fragment caching of the public pages (issue #12 item 3; docs/portal.md, "Fragment cache").

The parts of a page that do not vary per request — the site profiles, the organizations a site shows,
a unit's catalog tree with its counts, the rendered sidebar, footer and home modules, an item's page
body, a feed — are kept in the `fragments` cache (settings.CACHES; in each process's memory by
default) under keys that start with the **generation**: a token shared by every web process through a
small file (`GONGKAI_FRAGMENT_STAMP`, default `<GONGKAI_VAR_DIR>/fragments.stamp`), read once per
lookup (a few microseconds). Whatever changes what the portal shows bumps the generation (`bump`):
an item published, changed, withdrawn or deleted (`publishing.events.item_changed`, the same event
that purges the page files, and the item's own save/delete), its catalog nodes, an attachment, a
catalog node, an organization, a site profile, an interpretation or a 规范性文件 record. Every process
then looks for new keys and recomputes; old entries fall out of the cache by age. A bump inside a
transaction is repeated when it commits, so a value computed between the first bump and the commit
(from the old rows) is never read again.

Time also changes what readers see: an item scheduled for later becomes visible when its time comes,
without any write. Values computed from "published and time reached" (`timed=True`) therefore expire
at the earliest future publication time of any item (one indexed query per generation), or earlier at
a moment another app registers (`register_moment`): the day a 规范性文件 takes effect (尚未施行 → 有效).
"""

import math
import os
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

CACHE_ALIAS = "fragments"
# Values handed out as they are (cached(shared=True)), by full key: this process's own, never pickled.
_shared: dict = {}
SHARED_MAX_ENTRIES = 64
# Stand for the page's own (URL-encoded) address and search words in a cached fragment; letters only,
# so that neither URL-encoding nor HTML-escaping changes them.
BACK_PLACEHOLDER = "GongkaiBackPlaceholder"
QUERY_PLACEHOLDER = "GongkaiQueryPlaceholder"
_MISSING = object()


def _stamp() -> str:
    return os.fspath(settings.GONGKAI_FRAGMENT_STAMP)


# The last token read, by the stamp file's identity: a bump replaces the file (a new inode and time),
# so a stat (cheaper than opening and reading the file, several times a page) tells whether it changed.
# Only a stamp older than TRUSTED_AGE_NS is remembered: file times are coarse (a clock tick) and inode
# numbers are reused, so two stamps written within one tick could look alike; a stamp read that long
# after it was written cannot be confused with any later one, which gets a later time.
_last_read: tuple = (None, "")
TRUSTED_AGE_NS = 100_000_000


def generation() -> str:
    """The current generation token (shared by every process that reads the same stamp file)."""
    global _last_read
    path = _stamp()
    try:
        status = os.stat(path)
        identity = (path, status.st_ino, status.st_mtime_ns, status.st_size)
        if _last_read[0] == identity:
            return _last_read[1]
        with open(path, encoding="ascii") as handle:
            token = handle.read().strip()
    except OSError:
        identity, token = None, ""
    if not token:
        return bump()
    if identity is not None and time.time_ns() - identity[2] > TRUSTED_AGE_NS:
        _last_read = (identity, token)
    return token


def bump() -> str:
    """Start a new generation: every cached fragment is recomputed on its next use."""
    path = Path(_stamp())
    token = uuid.uuid4().hex
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".fragments-")
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(token)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    return token


def forget() -> None:
    """Drop every fragment this process holds (the tests: a rolled-back test's rows must not be served)."""
    caches[CACHE_ALIAS].clear()
    _shared.clear()


def bump_now_and_on_commit(*args, **kwargs) -> None:
    """Signal receiver: bump now (this transaction reads its own writes) and again after the commit."""
    bump()
    connection = transaction.get_connection()
    # One bump after the commit is enough (a bulk import saves thousands of rows in one transaction);
    # only the last few callbacks are looked at, a duplicate is harmless.
    if connection.in_atomic_block and not any(func is bump for _sids, func, _robust in connection.run_on_commit[-8:]):
        transaction.on_commit(bump)


# Functions () -> aware datetime | None: the next moment time alone changes what a timed value shows.
_MOMENTS: list = []


def register_moment(moment) -> None:
    """An app whose pages change with time alone (e.g. 规范性文件: 尚未施行 until the 施行日期) names the next
    such moment; timed values expire then too. Idempotent (ready() may run more than once in tests)."""
    if moment not in _MOMENTS:
        _MOMENTS.append(moment)


def seconds_to_next_publication() -> int | None:
    """Seconds until the next item scheduled for later is published, or the next registered moment
    (None: nothing ahead)."""
    from gongkai.publishing.models import InformationItem

    cache = caches[CACHE_ALIAS]
    key = f"f:{generation()}:next-publication"
    now = timezone.now()
    moment = cache.get(key, _MISSING)
    if moment is _MISSING or (moment is not None and moment <= now):
        moments = [InformationItem.objects.filter(published_at__gt=now).aggregate(first=Min("published_at"))["first"],
                   *(registered() for registered in _MOMENTS)]
        moment = min((m for m in moments if m is not None and m > now), default=None)
        cache.set(key, moment, None if moment is None else max(1, math.ceil((moment - now).total_seconds())))
    if moment is None:
        return None
    return max(1, math.ceil((moment - now).total_seconds()))


def key(*parts) -> str:
    return ":".join(["f", generation(), *(str(part) for part in parts)])


def cached(name: str, *parts, compute, timed: bool = True, timeout: int | None = None, shared: bool = False):
    """The value of `compute()` for (`name`, `parts`) in the current generation, computed once.

    `timed`: the value depends on which items are published by now (see the module docstring).
    `timeout`: seconds after which the value is recomputed anyway (it changes with time alone).
    `shared`: the very same object is handed to every request of this process (no unpickling a copy
    from the cache each time); only for small values nobody changes, neither `timed` nor with a `timeout`."""
    full_key = key(name, *parts)
    if shared:
        assert not timed and timeout is None, "a shared value never expires by time"
        value = _shared.get(full_key, _MISSING)
        if value is not _MISSING:
            return value
    cache = caches[CACHE_ALIAS]
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        limit = seconds_to_next_publication() if timed else None
        if timeout is not None:
            limit = timeout if limit is None else min(limit, timeout)
        timeout = limit
        value = compute()
        cache.set(full_key, value, timeout)
    if shared:
        if len(_shared) >= SHARED_MAX_ENTRIES:  # old generations' entries, or many sites
            _shared.clear()
        _shared[full_key] = value
    return value


def fill(html: str, values: dict) -> str:
    """A cached fragment with each placeholder replaced by its per-request value (already escaped)."""
    from django.utils.safestring import mark_safe

    for placeholder, value in values.items():
        html = html.replace(placeholder, value)
    return mark_safe(html)


class TemplateFragments:
    """`fragments` in every template's context: `{% cache fragments.timeout "name" fragments.key … using="fragments" %}`.

    `key` is the generation, the site profile and the language; `timeout` the seconds to the next
    scheduled publication (None: none)."""

    def __init__(self, request, profile_id):
        self._request = request
        self._profile_id = profile_id
        self._key = None

    @property
    def key(self) -> str:
        if self._key is None:
            from django.utils.translation import get_language

            self._key = f"{generation()}:{self._profile_id}:{get_language()}"
        return self._key

    @property
    def timeout(self) -> int | None:
        return seconds_to_next_publication()

    def _filled(self, name: str, template: str, context: dict, values: dict) -> str:
        """`template` rendered once per generation, site, language and `name` with placeholders in
        `context`, then each placeholder replaced by its (already escaped) per-request value."""
        from django.template.loader import render_to_string

        return fill(cached(name, self.key, timed=False, compute=lambda: render_to_string(template, context)), values)

    @property
    def display_controls(self) -> str:
        """The header's 字号/长者模式/language switches, per preference combination, with the page's own
        address filled in per request."""
        from django.template.defaultfilters import urlencode
        from django.utils.html import escape

        from gongkai.core.preferences import back_path

        display = getattr(self._request, "display", None)
        variant = f"{display.font}:{int(display.elder)}" if display is not None else "-"
        return self._filled(f"display-controls:{variant}", "includes/display_controls.html",
                            {"display": display, "back": BACK_PLACEHOLDER},
                            {BACK_PLACEHOLDER: escape(urlencode(back_path(self._request)))})

    @property
    def search_box(self) -> str:
        """The header's search form, with the page's own search words (?q=, control characters dropped:
        core.params.header_query) filled in per request."""
        from django.utils.html import escape

        from gongkai.core.params import header_query

        return self._filled("search-box", "includes/search_box.html", {"q": QUERY_PLACEHOLDER},
                            {QUERY_PLACEHOLDER: escape(header_query(self._request))})


def connect() -> None:
    """Bump the generation whenever something the cached fragments show changes."""
    from django.db.models.signals import m2m_changed

    from gongkai.publishing.events import item_changed
    from gongkai.publishing.models import InformationItem

    item_changed.connect(_on_item_changed, dispatch_uid="gongkai.portal.fragments.item")
    watched = ["publishing.InformationItem", "publishing.Attachment", "catalog.CatalogNode",
               "organizations.Organization", "portal.SiteProfile", "interpretations.Interpretation",
               "regulations.NormativeDocument"]
    watch(watched)
    m2m_changed.connect(bump_now_and_on_commit, sender=InformationItem.catalog_nodes.through,
                        dispatch_uid="gongkai.fragments.item-nodes")


def watch(labels) -> None:
    """Bump the generation on every save or delete of these models ("app.Model"; home panels, panels.py)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for label in labels:
        try:
            model = apps.get_model(label)
        except LookupError:  # the app is not installed (tests/test_panels checks the panels' labels)
            continue
        for signal in (post_save, post_delete):
            signal.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"gongkai.fragments.{label}")


def _on_item_changed(sender, item_id, verb, **kwargs):
    bump()
