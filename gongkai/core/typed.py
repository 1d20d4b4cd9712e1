"""Codes a visitor types that the site reads as ASCII: ID numbers, phone numbers, postcodes, 查询码 and
tracking numbers. A Chinese input method often types them full-width (１３９１２３４５６７８, Ｘ, －, the
ideographic space); Unicode NFKC folds those to their ASCII forms. Every form and lookup reading such a
code folds it here first, then validates, matches and stores the folded value, so the same number typed
either way is the same number (its digest included)."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def halfwidth(value: str | None) -> str:
    """`value` with full-width letters, digits and punctuation folded to ASCII (NFKC); "" for None."""
    return unicodedata.normalize("NFKC", value or "")


def compact(value: str | None) -> str:
    """halfwidth(value) without any whitespace: a code as one run of characters."""
    return "".join(halfwidth(value).split())


# A mobile number (11 digits) or a landline with its area code, an optional hyphen and extension.
PHONE = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?)$")


def validate_phone(value: str | None) -> str:
    """A phone number as stored (folded, no spaces); "" when empty; ValidationError when not a number."""
    value = compact(value)
    if value and not PHONE.match(value):
        raise ValidationError(_("电话号码格式不正确：手机号为11位数字，固定电话如 0533-3200000。"))
    return value


def validate_contact(value: str | None) -> str:
    """A phone number or an e-mail address as stored (folded, no spaces); "" when empty."""
    value = compact(value)
    if not value:
        return value
    if "@" in value:
        return forms.EmailField().clean(value)
    if not PHONE.match(value):
        raise ValidationError(_("请填写手机号码、固定电话（如 0533-3200000）或电子邮箱。"))
    return value
