"""Every public page with a number in its path answers a huge number (20 digits, past any database id or
year; and the largest id itself) with 404 or 400, never a 500: SQLite raises OverflowError on such an id
and dt.date() on such a year, so each number is checked before it reaches either (core.params)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from gongkai.core.params import MAX_ID

pytestmark = pytest.mark.django_db

HUGE = 10**20
NOT_PUBLIC = ("staff/", "admin/", "accounts/")


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _value(argument: str, huge: str, number: int) -> str:
    return str(number if argument == huge else 2026 if "year" in argument else 1)


def _public_numbered_paths():
    found = []
    for route, entry in _patterns(get_resolver()):
        route = route.lstrip("^")
        converters = getattr(entry.pattern, "converters", {})
        if route.startswith(NOT_PUBLIC) or not any(isinstance(c, IntConverter) for c in converters.values()):
            continue
        for name, converter in converters.items():  # one number huge at a time, the others ordinary
            for number in (HUGE, MAX_ID) if isinstance(converter, IntConverter) else ():
                found.append("/" + re.sub(r"<(?:\w+:)?(\w+)>",
                                          lambda m, name=name, n=number: _value(m.group(1), name, n), route))
    return found


def test_the_walk_finds_the_numbered_public_pages():
    paths = _public_numbered_paths()
    assert f"/hcp/{HUGE}/1/" in paths and f"/hcp/2026/{HUGE}/" in paths and f"/gzcy/jcml/{HUGE}/2026/" in paths
    assert f"/en/hcp/2026/{MAX_ID}/" in paths or f"/hcp/2026/{MAX_ID}/" in paths


def test_a_huge_number_in_a_public_path_is_not_a_server_error():
    client = Client(raise_request_exception=False)
    failed = [(path, status) for path in _public_numbered_paths()
              if (status := client.get(path).status_code) >= 500]
    assert failed == []
