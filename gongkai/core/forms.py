"""One form style across apps: every `{{ form }}` and `{{ field.as_field_group }}` renders its fields
through `includes/field.html` (label, 「（必填）」 where required, help text, errors linked to the
widget), the template hand-written staff and public forms include field by field.

`PlainTextMixin`: a public form's text fields refuse control characters with a clear message. Django's own
check covers NUL only and reads 「不允许是用空字符串。」 in Chinese; PostgreSQL cannot store NUL at all.

`DateRangeMixin`: a staff form's date and date-time fields take only dates from EARLIEST_DATE to LATEST_DATE.
A date the browser lets through (0001-01-01, 9999-12-31) is a typo: it would be shown publicly as typed, and
Beijing midnight of year 1 cannot even be converted to UTC (OverflowError on save)."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks
# The span of the year fields elsewhere (工作要点、重大行政决策事项目录: 2000–2100): what the platform handles
# now was not before 2000 and will not be after 2100.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


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


def plain_text(field: forms.Field) -> None:
    """A CharField's NUL check becomes the plain-text check above (for a field added after __init__)."""
    if isinstance(field, forms.CharField) and not any(isinstance(v, PlainTextValidator) for v in field.validators):
        field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        field.validators.append(PlainTextValidator(field.label))


class PlainTextMixin:
    """Put first among a form's bases: each CharField's NUL check becomes the plain-text check above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            plain_text(field)


def date_in_range(value) -> bool:
    """Whether a date (or a date-time, by its own calendar day) lies from EARLIEST_DATE to LATEST_DATE."""
    if value is None:
        return True
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def date_range_message() -> str:
    return _("日期须在%(first)s至%(last)s之间，请核对。") % {
        "first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()}


class DateRangeValidator:
    """「日期须在2000-01-01至2100-12-31之间，请核对。」 for a date or date-time outside the range."""

    code = "date_out_of_range"

    def __call__(self, value):
        if not date_in_range(value):
            raise ValidationError(date_range_message(), code=self.code)

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


class DateRangeMixin:
    """Each DateField and DateTimeField of the form refuses dates outside EARLIEST_DATE–LATEST_DATE, and its
    date picker offers only those (min/max)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                bounds = (f"{EARLIEST_DATE.isoformat()}T00:00", f"{LATEST_DATE.isoformat()}T23:59")
            elif isinstance(field, forms.DateField):
                bounds = (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat())
            else:
                continue
            field.validators.append(DateRangeValidator())
            field.widget.attrs.setdefault("min", bounds[0])
            field.widget.attrs.setdefault("max", bounds[1])
