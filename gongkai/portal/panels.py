"""Home-page panels from apps above the portal (公众参与, 政民互动, 涉企政策, 专题 …).

An app registers a provider in its AppConfig.ready():

    from gongkai.portal import panels
    panels.register(my_panel)  # my_panel(request) -> panels.Panel | None

Panels are shown on the home page after the news-like modules, in registration order (INSTALLED_APPS
order); a provider returns None (or a panel without entries) to stay hidden: empty modules are not
shown. Providers must show public data only and answer with one or two bounded queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_PROVIDERS: list[Callable] = []


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


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def build(request) -> list[Panel]:
    shown = []
    for provider in _PROVIDERS:
        panel = provider(request)
        if panel is not None and panel.entries:
            shown.append(panel)
    return shown
