"""统一社会信用代码 (GB 32100-2015) validation, through python-stdnum's cn.uscc."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


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
