"""A finding's title in the reader's language.

A rule says its problem as a Text: the Chinese message id (marked with gettext_noop, so makemessages finds
it) and its parameters. The engine stores both the title as said in the site's language (Finding.title, the
record a 通报 prints and the fallback) and the Text as JSON (Finding.title_message); pages render the Text in
the language of whoever reads it, whichever language the run was started from.

A parameter is one of:
- a plain value: a unit's own data (an item's title, a tracking number, a date), shown as it is;
- a Text: a phrase the rule chose (「至今没有解读」), itself translated;
- a label: a choice or field name (msgid_of gives its message id), translated when shown;
- a Joined list: its items joined with the reader's punctuation (、 or "," ; ； or ";").

Stored: {"msgid": "…", "params": {"name": value | {"msgid": …} | {"join": "enumeration_comma", "items": […]}}}.
A row stored before titles were kept this way has no message: its stored title is shown (Finding.display_title).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext

from gongkai.core.i18n import in_record_language, punctuation


def msgid_of(label) -> str:
    """The message id of a label (lazy, or already said in the site's language): Gongkai's message ids are
    its Chinese text and the site's language is Chinese, so the label said in it is its id."""
    return in_record_language(label)


@dataclass(frozen=True)
class Text:
    msgid: str
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = {"msgid": self.msgid}
        if self.params:
            data["params"] = {name: _encode(value) for name, value in self.params.items()}
        return data

    def __str__(self) -> str:
        return render(self.as_json())


@dataclass(frozen=True)
class Joined:
    items: tuple
    separator: str = "enumeration_comma"  # a key of gongkai.core.i18n.PUNCTUATION

    def as_json(self) -> dict:
        return {"join": self.separator, "items": [_encode(item) for item in self.items]}


def text(msgid: str, **params) -> Text:
    return Text(msgid, params)


def label(value) -> Text:
    """A choice or field name (lazy or said in the site's language), translated when shown."""
    return Text(msgid_of(value))


def joined(items, separator: str = "enumeration_comma") -> Joined:
    return Joined(tuple(items), separator)


def _encode(value):
    if isinstance(value, Text | Joined):
        return value.as_json()
    if isinstance(value, Promise):
        return {"msgid": msgid_of(value)}
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"a finding's text parameter must be stored as JSON: {type(value).__name__}")


def render(stored) -> str:
    """The stored text in the active language. Raises KeyError, TypeError or ValueError when a translation
    does not fit the stored parameters (rendered_or)."""
    if isinstance(stored, dict) and "join" in stored:
        return punctuation(stored["join"]).join(render(item) for item in stored.get("items") or [])
    if isinstance(stored, dict) and "msgid" in stored:
        msgid = stored["msgid"] or ""
        params = {name: render(value) if isinstance(value, dict) else value
                  for name, value in (stored.get("params") or {}).items()}
        said = gettext(msgid) if msgid else ""
        return said % params if params else said
    return "" if stored is None else str(stored)


def rendered_or(stored, fallback: str) -> str:
    """The stored text in the active language, or `fallback` (the title recorded in the site's language) for a
    row stored before messages were kept, or one whose translation no longer fits its parameters."""
    if not stored:
        return fallback
    try:
        return render(stored)
    except (KeyError, TypeError, ValueError):
        return fallback
