"""Checks of the free text a work plan keeps, shared by the forms' services and the import.

- `plain`: no control characters (the XLSX export cannot hold them — a 500 — and a page shows them as ▯);
  the same rule as gongkai.core.forms.PlainTextMixin, for the services and the import.
- `unpersonal`: text published on /gzyd/ (a progress report, once accepted) holds no 居民身份证号码 and no
  personal mobile number (what core.masking would mask); an office landline or a hotline stays allowed.
"""

from django.utils.translation import gettext as _

from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.masking import personal_number_kind
from gongkai.core.services import ActionRefused


def plain(text: str, label) -> str:
    if text and CONTROL_CHARS.search(text):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    return text


def unpersonal(text: str, label) -> str:
    kind = personal_number_kind(text)
    if kind == "id":
        raise ActionRefused(_("“%(field)s”不得包含居民身份证号码（采纳后向社会公开）。") % {"field": label})
    if kind == "mobile":
        raise ActionRefused(_("“%(field)s”不得包含个人手机号码（采纳后向社会公开），请填写办公电话。") % {
            "field": label})
    return text
