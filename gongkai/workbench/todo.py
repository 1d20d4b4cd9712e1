"""我的待办 from apps above the workbench: each app registers a provider in its AppConfig.ready().

    from gongkai.workbench import todo
    todo.register(my_provider)  # my_provider(user) -> list[todo.Group]

The staff home shows every group that has rows, after the built-in sections (drafts, reviews,
request clocks). A provider must itself keep to the user's units (accounts.permissions) and should
answer with a few bounded queries: it runs on every visit to the staff home.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_PROVIDERS: list[Callable] = []
ROWS_SHOWN = 5  # rows of a group shown on the staff home; the group's more_url lists them all


@dataclass
class Row:
    label: str  # what to do, in Chinese (a title, a tracking number)
    url: str
    note: str = ""  # unit, state, due date …
    overdue: bool = False


@dataclass
class Group:
    title: str  # the section's heading, e.g. 「待审核的留言」
    rows: list[Row] = field(default_factory=list)  # the first ROWS_SHOWN
    count: int = 0  # all of them; 0 hides the group
    more_url: str = ""  # the full list, shown when count > len(rows)


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def groups(user) -> list[Group]:
    found = []
    for provider in _PROVIDERS:
        found.extend(group for group in provider(user) if group.count)
    return found


# Open items of other apps whose deadline falls in a year whose 放假/调休 days are not entered: a provider
# returns {year: count}; the administrator's 我的待办 asks to enter the year.
_PENDING_YEARS: dict[str, Callable[[], dict[int, int]]] = {}


def register_pending_years(kind: str, provider: Callable[[], dict[int, int]]) -> None:
    _PENDING_YEARS[kind] = provider


def pending_years(kind: str) -> dict[int, int]:
    provider = _PENDING_YEARS.get(kind)
    return provider() if provider else {}
