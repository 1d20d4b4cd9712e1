"""The home panels of other apps (gongkai/portal/panels.py) come from the fragment cache: every provider
names the models it reads (a save or delete of one refreshes them, tested in the apps: proposals,
surveys), and the cached panels expire after the page files' staleness bound and at midnight, since
some change with the date alone."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.cache.backends import locmem
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gongkai.core.preferences import COOKIE_NAME
from gongkai.portal import panels

pytestmark = pytest.mark.django_db


def test_every_registered_provider_names_the_models_its_panel_reads():
    assert len(panels._PROVIDERS) >= 11
    for provider in panels._PROVIDERS:
        labels = panels.watched(provider)
        assert labels, f"{provider.__module__}.{provider.__qualname__} registers no watch=(...)"
        for label in labels:
            assert apps.get_model(label)


def test_built_panels_are_plain_data(rf):
    def lazy_panel(request):
        return panels.Panel(gettext_lazy("征集调查"), "/x/", [panels.Entry(gettext_lazy("更多"), "/x/1/",
                                                                          dt.date(2026, 1, 2), gettext_lazy("征集中"))])

    panels.register(lazy_panel, watch=("portal.SiteProfile",))
    try:
        built = [p for p in panels.compute(rf.get("/")) if p.more_url == "/x/"]
    finally:
        panels._PROVIDERS.remove(lazy_panel)
    entry = built[0].entries[0]
    assert type(built[0].title) is str and type(entry.title) is str and type(entry.note) is str


def test_panels_last_at_most_the_page_files_bound_and_never_past_midnight(settings, monkeypatch):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 600
    local = timezone.get_current_timezone()
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 3, 1, 12, 0, tzinfo=local))
    assert panels.timeout() == 600
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 3, 1, 23, 59, 30, tzinfo=local))
    assert panels.timeout() == 30


class Clock:
    """The fragment cache's clock (LocMemCache reads time.time()), moved by hand."""

    def __init__(self):
        import time

        self.now = time.time()

    def time(self):
        return self.now


def test_a_panel_that_changes_with_time_alone_is_recomputed_after_the_bound(client, settings, monkeypatch):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 600
    monkeypatch.setattr(panels, "timeout", lambda: 600)  # not at midnight, whenever the test runs
    clock = Clock()
    monkeypatch.setattr(locmem, "time", clock)
    state = {"note": "征集中"}

    def consultation(request):
        return panels.Panel("意见征集", "/gzcy/", [panels.Entry("关于城区停车收费标准的征求意见", "/gzcy/1/",
                                                                 note=state["note"])])

    client.cookies[COOKIE_NAME] = "l"
    panels.register(consultation, watch=("portal.SiteProfile",))
    try:
        assert "征集中" in client.get(reverse("portal:home")).content.decode()
        state["note"] = "已结束"  # the closing date passed: no write anywhere
        clock.now += 599
        assert "征集中" in client.get(reverse("portal:home")).content.decode()  # served from the cache
        clock.now += 2
        assert "已结束" in client.get(reverse("portal:home")).content.decode()
    finally:
        panels._PROVIDERS.remove(consultation)
