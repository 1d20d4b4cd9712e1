"""One form style across apps: every `{{ form }}` and `{{ field.as_field_group }}` renders its fields
through `includes/field.html` (label, 「（必填）」 where required, help text, errors linked to the
widget), the template hand-written staff and public forms include field by field.

`PlainTextMixin`: a public form's text fields refuse control characters with a clear message. Django's own
check covers NUL only and reads 「不允许是用空字符串。」 in Chinese; PostgreSQL cannot store NUL at all."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks


class FormRenderer(DjangoTemplates):
    form_template_name = "django/forms/div.html"
    field_template_name = "includes/field.html"


class PlainTextValidator:
    """「“意见内容”不能包含控制字符，请只填写文字。」 for a text with NUL or another control character."""

    code = "control_characters"

    def __init__(self, label=None):
        self.label = label

    def __call__(self, value):
        if value and CONTROL_CHARS.search(str(value)):
            if self.label:
                message = _("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": self.label}
            else:
                message = _("填写的内容不能包含控制字符，请只填写文字。")
            raise ValidationError(message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and self.label == other.label


class PlainTextMixin:
    """Put first among a form's bases: each CharField's NUL check becomes the plain-text check above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
                field.validators.append(PlainTextValidator(field.label))
