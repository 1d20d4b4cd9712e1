"""统一社会信用代码 (GB 32100-2015) validation, through python-stdnum's cn.uscc."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from gongkai.core.typed import compact


def normalize_credit_code(value: str) -> str:
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    try:
        uscc.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”的校验码不正确（GB 32100-2015）。"), params={"value": value},
            code="checksum",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”格式不正确：应为18位，由数字和大写字母（不含 I、O、Z、S、V）组成。"),
            params={"value": value},
            code="format",
        ) from exc


def with_check_character(first17: str) -> str:
    """The full 18-character code for its first 17 characters (used by demo data and tests)."""
    return first17 + uscc.calc_check_digit(first17)


def validate_postcode(value: str) -> None:
    """A 邮政编码 is six digits."""
    if value and not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValidationError(_("邮政编码应为6位数字。"), code="postcode")


# An office's 联系电话 or 传真号码 (条例第十二条: the 工作机构's 联系方式, shown in the 指南, the API and reply
# letters): a landline with its area code (0533-3221234, (0533)3221234; an extension after a hyphen or 转),
# a 400/800 number (400-123-4567) or a mobile (13912345678); several of them separated by 、，, or ；.
_LANDLINE = r"(?:0\d{2,3}-?|\(0\d{2,3}\))\d{7,8}(?:(?:-|转)\d{1,6})?"
_SERVICE = r"[48]00-?\d{3}-?\d{4}"
_MOBILE = r"1[3-9]\d{9}"
# A 政务服务便民热线 and the other five-digit 12xxx lines (12345, 12315, 12388), with or without the area code.
_HOTLINE = r"(?:0\d{2,3}-?)?12\d{3}"
OFFICE_PHONE = re.compile(rf"(?:{_LANDLINE}|{_SERVICE}|{_MOBILE}|{_HOTLINE})")
# The dashes a Chinese input method types for the hyphen (0533—3221234): ‐ ‑ ‒ – — ― − ﹘ ﹣; halfwidth() already
# folds the full-width －.
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63]")
_SEPARATORS = re.compile(r"[、，,；;]")


def clean_office_phone(value: str | None) -> str:
    """An office phone or fax number as stored (folded to half-width, no spaces); "" when empty."""
    value = _DASHES.sub("-", compact(value))
    if value and not all(OFFICE_PHONE.fullmatch(number) for number in _SEPARATORS.split(value)):
        raise ValidationError(
            _("电话号码格式不正确：固定电话须带区号，如 0533-3221234（分机号写在后面，如 0533-3221234-801），"
              "400/800 电话如 400-123-4567，手机号为11位数字；多个号码用顿号分隔。"), code="phone")
    return value
