"""Numbers in URLs (?org=, ?node=, ?year=, ?page=), validated in one place.

A visitor can put anything in a query string. Ids are checked against the range of a database id
before they reach a query (SQLite raises OverflowError on a 20-digit number, and some backends fail
on -1); a value that is not a number in range is the client's mistake, answered with 400 and a Chinese
page (portal/templates/400.html), never a 500 and never logged as an error. Numbers in a path
(`<int:item_id>`, `<int:year>`) get the same bound for every view at once (path_numbers_in_range, used
by core.middleware.BadParameterMiddleware): past it the page is not found. The open API checks its
parameters the same way through its schemas (gongkai/api), with the same bound.
"""

from django import forms
from django.core.exceptions import BadRequest, ValidationError

MAX_ID = 2**63 - 1  # the largest BigAutoField value, on SQLite and PostgreSQL alike
MAX_QUERY_CHARS = 200  # free-text filters of staff lists (the public search has its own, search.text)


class BadParameter(BadRequest):
    """A query parameter that is not what the page accepts (answered 400 by Django)."""


def int_param(request, name: str, *, min_value: int = 1, max_value: int = MAX_ID) -> int | None:
    """request.GET[name] as an int within [min_value, max_value]; None when absent or empty; BadParameter otherwise."""
    raw = request.GET.get(name, "")
    if raw.strip() == "":
        return None
    field = forms.IntegerField(min_value=min_value, max_value=max_value)
    try:
        return field.clean(raw)
    except ValidationError as exc:
        raise BadParameter(f"query parameter {name!r} is not an integer in [{min_value}, {max_value}]") from exc


def parse_id(value) -> int | None:
    """`value` (posted or typed text) as a database id when it is one written in ASCII digits, else None.
    str.isdigit() alone also accepts "²" or "①", which int() then refuses (a 500)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def id_param(request, name: str) -> int | None:
    """request.GET[name] as a database id (a positive 64-bit integer), None when absent."""
    return int_param(request, name)


def text_param(request, name: str = "q", max_chars: int = MAX_QUERY_CHARS) -> str:
    """request.GET[name] as a staff list's free-text filter: stripped and cut to `max_chars`; BadParameter when
    it holds a control character (PostgreSQL cannot even compare a text with NUL: a 500 where SQLite answers)."""
    from gongkai.core.forms import CONTROL_CHARS

    text = request.GET.get(name, "").strip()[:max_chars]
    if CONTROL_CHARS.search(text):
        raise BadParameter(f"query parameter {name!r} holds a control character")
    return text


def without_controls(text: str) -> str:
    """`text` with its control characters (core.forms.CONTROL_CHARS: NUL, ESC …; tab and line breaks stay) dropped,
    for a search box that echoes what was searched: a NUL in `?q=` showed in the box as 「�」. The public
    search reads the query without them too (search.views), as if they had not been typed."""
    from gongkai.core.forms import CONTROL_CHARS

    return CONTROL_CHARS.sub("", text or "")


def header_query(request) -> str:
    """The page's `?q=` for the header's search box (on every page): control characters dropped."""
    return without_controls(request.GET.get("q", ""))


def path_numbers_in_range(view_kwargs: dict) -> bool:
    """Whether every int a URL pattern captured (the `int` converter takes any number of digits) is at
    most MAX_ID: a larger one would overflow the database driver or dt.date() in the view."""
    return all(value <= MAX_ID for value in view_kwargs.values() if isinstance(value, int))
