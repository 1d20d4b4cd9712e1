"""Other public texts the search page lists beside the items, for apps whose texts are not items (政府公报
articles that carry their own text). An app registers its source in its AppConfig.ready(); the search
app never imports those apps, so they may depend on it without an import cycle.

A source is `source(terms, organization_ids) -> list`, called for the first page of a query with text;
its results go into the search page's context under the source's name (the template decides how to
show them).
"""

from collections.abc import Callable

_SOURCES: dict[str, Callable] = {}
_KINDS: dict[str, str] = {}  # source name -> its content type in the type facet (search/kinds.py)


def register(name: str, source: Callable, kind: str = "") -> None:
    _SOURCES[name] = source
    if kind:
        _KINDS[name] = kind


def kind_of(name: str) -> str:
    return _KINDS.get(name, "")


def results_of(name: str, terms: list[str], organization_ids) -> list:
    return _SOURCES[name](terms, organization_ids)


def results(terms: list[str], organization_ids) -> dict[str, list]:
    """{name: that source's results} for every registered source."""
    return {name: source(terms, organization_ids) for name, source in _SOURCES.items()}


def names() -> list[str]:
    return list(_SOURCES)
