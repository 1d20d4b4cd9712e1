"""Home-page panels from apps above the portal (公众参与, 政民互动, 涉企政策, 专题 …).

An app registers a provider in its AppConfig.ready(), naming the models the panel reads:

    from gongkai.portal import panels
    panels.register(my_panel, watch=("myapp.Thing",))  # my_panel(request) -> panels.Panel | None

Panels are shown on the home page after the news-like modules, in registration order (INSTALLED_APPS
order); a provider returns None (or a panel without entries) to stay hidden: empty modules are not
shown. Providers must show public data only and answer with one or two bounded queries; they may
depend on the request's site profile (its organizations) and language, nothing else of the request.

The built panels are cached (`fragments`, per site profile and language; docs/portal.md, "Fragment
cache"): a save or delete of a watched model starts a new fragment generation, and the panels expire
after at most `GONGKAI_PAGE_CACHE_SECONDS` and at local midnight, since some change with the date
alone (a consultation closing, 「征集中」, the month of 好差评). A bulk `QuerySet.update()` or
`bulk_create()` sends no signal: code that changes a panel's rows that way must save a watched row too
(ratings' import saves its batch) or call `fragments.bump()`.
"""

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

_PROVIDERS: list[Callable] = []
_WATCH: dict[Callable, tuple[str, ...]] = {}  # provider → the models ("app.Model") its panel reads


@dataclass
class Entry:
    title: str
    url: str
    date: object = None  # a date or datetime, shown as Y-m-d
    note: str = ""  # a short state such as 「征集中」


@dataclass
class Panel:
    title: str
    more_url: str
    entries: list[Entry] = field(default_factory=list)


def register(provider: Callable, watch: tuple[str, ...] = ()) -> None:
    """Show `provider`'s panel; a save or delete of any model in `watch` refreshes the cached panels."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    _WATCH[provider] = tuple(watch)
    if watch:
        from gongkai.portal import fragments

        fragments.watch(watch)


def watched(provider: Callable) -> tuple[str, ...]:
    return _WATCH.get(provider, ())


def timeout() -> int:
    """Seconds the built panels are kept: the page files' staleness bound, and never past midnight."""
    from django.conf import settings
    from django.utils import timezone

    now = timezone.localtime()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time.min, tzinfo=now.tzinfo)
    return max(1, min(settings.GONGKAI_PAGE_CACHE_SECONDS, math.ceil((midnight - now).total_seconds())))


def build(request) -> list[Panel]:
    """The panels to show, from the fragment cache (per site profile and language)."""
    from django.utils.translation import get_language

    from gongkai.portal import fragments
    from gongkai.portal.sites import current_site_profile

    profile = current_site_profile(request)
    return fragments.cached("panels", profile.pk if profile else None, get_language(),
                            compute=lambda: compute(request), timeout=timeout())


def compute(request) -> list[Panel]:
    """The panels, built now: plain data only (no model instance, no lazy text), as they are cached."""
    shown = []
    for provider in _PROVIDERS:
        panel = provider(request)
        if panel is not None and panel.entries:
            shown.append(_plain(panel))
    return shown


def _plain(panel: Panel) -> Panel:
    entries = []
    for entry in panel.entries:
        if entry.date is not None and not isinstance(entry.date, dt.date):
            raise TypeError(f"panel entry date must be a date or datetime, not {type(entry.date).__name__}")
        entries.append(Entry(str(entry.title), str(entry.url), entry.date, str(entry.note or "")))
    return Panel(str(panel.title), str(panel.more_url), entries)
