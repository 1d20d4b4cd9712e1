"""Validation of one cell by its column's kind (registry.py), the same for the form and the XLSX import.

`clean(column, raw, organizations)` returns the cell's stored text or raises `CellError` with a Chinese
message. Every kind also refuses a 居民身份证号码 anywhere in a cell (core.masking.looks_like_id_number,
GB 11643: 17 digits and a check character, a valid birth date): lists are public, and an ID number must never
be published — not even in a 执法人员 list, whose 执法证号 is public by law and whose ID number is not. Nor a
personal mobile number (core.masking.MOBILE_IN_TEXT: eleven digits from 13–19, also written 3-4-4 or with
+86, not an amount such as 15000000000元) — either also typed in full-width digits (１３９…, as
core.masking.personal_number_kind reads them): a unit's 联系电话 is a landline (0533-3241234) or a hotline,
which stay allowed. Nor a control character (core.forms.CONTROL_CHARS: NUL, ESC …; tab and line breaks
stay): PostgreSQL cannot store NUL, and XLSX and HTML cannot hold the others.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.masking import personal_number_kind
from gongkai.lists.registry import CHOICE, DATE, LINK, ORGANIZATION

MAX_TEXT = 4000
MAX_LINK = 500
DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


class CellError(ValueError):
    """The cell's value does not fit its column; the message says why, in Chinese."""


def as_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time(0) else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def parse_date(raw) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = as_text(raw)
    for pattern in DATE_FORMS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise CellError(_("日期格式不正确，请写成 2020-08-10。"))


class OrganizationNames:
    """Full names of the platform's organizations by every name they are written with (cached per import)."""

    def __init__(self):
        from gongkai.organizations.models import Organization

        self.by_name: dict[str, str] = {}
        for name, short_name in Organization.objects.filter(is_active=True).values_list("name", "short_name"):
            self.by_name[name] = name
            if short_name:
                self.by_name.setdefault(short_name, name)

    def resolve(self, text: str) -> str | None:
        return self.by_name.get(text)


def is_internal_path(text: str) -> bool:
    """A path on this site (/qd/1/): one slash, then no host however a browser reads it. Browsers drop tabs
    and line breaks from a URL and read a backslash as a slash, so `/\\evil.example` and `/<tab>/evil.example`
    both lead to //evil.example: any whitespace, control character or backslash is refused."""
    if not text.startswith("/") or "\\" in text or any(c.isspace() for c in text) or CONTROL_CHARS.search(text):
        return False
    parts = urlsplit(text)
    return not text.startswith("//") and not parts.scheme and not parts.netloc


def is_safe_link(text: str) -> bool:
    """Whether a LINK cell may be an <a href>: an internal path, or an http(s) address URLValidator accepts."""
    if text.startswith("/"):
        return is_internal_path(text)
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return True


def clean(column: dict, raw, organizations: OrganizationNames | None = None) -> str:
    kind = column.get("kind")
    if kind == DATE and isinstance(raw, dt.date):
        return parse_date(raw).isoformat()
    text = as_text(raw)
    if not text:
        if column.get("required"):
            raise CellError(_("必须填写。"))
        return ""
    if CONTROL_CHARS.search(text):  # NUL cannot be stored (PostgreSQL); the others break the XLSX and the page
        raise CellError(_("不能包含控制字符，请只填写文字。"))
    number = personal_number_kind(text)
    if number == "id":
        raise CellError(_("不得包含居民身份证号码（清单向社会公开）。"))
    if number == "mobile":
        raise CellError(_("不得包含个人手机号码（清单向社会公开），请填写办公电话或服务热线。"))
    if kind == DATE:
        return parse_date(text).isoformat()
    if kind == CHOICE:
        if text not in column.get("choices", []):
            raise CellError(_("只能填写以下之一：%(choices)s。") % {"choices": "、".join(column.get("choices", []))})
        return text
    if kind == ORGANIZATION:
        organizations = organizations or OrganizationNames()
        name = organizations.resolve(text)
        if name is None:
            raise CellError(_("“%(name)s”不是本平台的单位，请填写单位全称。") % {"name": text[:50]})
        return name
    if kind == LINK:
        if len(text) > MAX_LINK:
            raise CellError(_("链接不能超过%(n)d个字符。") % {"n": MAX_LINK})
        if not is_safe_link(text):
            raise CellError(_("请填写以 http:// 或 https:// 开头的网址，或本站以 / 开头的路径（不能含空格或反斜杠）。"))
        return text
    if len(text) > MAX_TEXT:
        raise CellError(_("不能超过%(n)d个字。") % {"n": MAX_TEXT})
    return text


def clean_row(columns: list[dict], values: dict, organizations: OrganizationNames | None = None
              ) -> tuple[dict, dict[str, str]]:
    """({key: stored text}, {key: error}) for one row's raw values by column key."""
    organizations = organizations or OrganizationNames()
    cells, errors = {}, {}
    for column in columns:
        try:
            value = clean(column, values.get(column["key"]), organizations)
        except CellError as exc:
            errors[column["key"]] = str(exc)
        else:
            if value:
                cells[column["key"]] = value
    if not errors and not cells:
        errors[""] = _("整行为空。")
    return cells, errors


def row_text(columns: list[dict], cells: dict) -> str:
    return " ".join(cells[column["key"]] for column in columns if cells.get(column["key"]))
