"""One form style across apps: every `{{ form }}` and `{{ field.as_field_group }}` renders its fields
through `includes/field.html` (label, 「（必填）」 where required, help text, errors linked to the
widget), the template hand-written staff and public forms include field by field.

`PlainTextMixin`: a public form's text fields refuse control characters with a clear message. Django's own
check covers NUL only and reads 「不允许是用空字符串。」 in Chinese; PostgreSQL cannot store NUL at all.
A form whose text is shown publicly under a name (an account, a 事项, a 专题) sets `refuse_bidi = True`: its
fields refuse the invisible bidi embedding/override/isolate characters too (`has_bidi_controls`).

Single-line text refuses bidi controls in every form, whatever its bases (`install_single_line_bidi_refusal`,
run by core.apps at start-up): a title, a name, a 文号 or a subject is shown inside other text — lists, feeds,
mails, the audit log — where an override reorders what follows it (「通知\u202e…」 reads as another title).
Multi-line text (a Textarea, rich text) keeps them unless its form sets `refuse_bidi`: a paragraph pasted
from a right-to-left document may carry embeddings, and an override there ends with its paragraph.

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

from gongkai.core.params import MAX_ID

# All C0 controls but tab and line breaks, DEL, and the other characters XML 1.0 cannot hold (the noncharacters
# U+FFFE/U+FFFF, lone surrogates): a form accepted U+FFFE, and the 通报 or letter made from it was a 500 (DOCX XML).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Unicode's explicit bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): invisible, they
# reorder the text shown after them (「\u202e」 makes a name read backwards, a file name end in another extension).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# BIDI_CONTROLS plus the marks (ALM, LRM, RLM): every invisible direction character. A nickname or a phone
# number has no use for any of them (a number copied from a phone's contacts comes wrapped in them).
DIRECTION_MARKS = re.compile(f"[\u061c\u200e\u200f]|{BIDI_CONTROLS.pattern}")
# The span of the year fields elsewhere (工作要点、重大行政决策事项目录: 2000–2100): what the platform handles
# now was not before 2000 and will not be after 2100.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


class FormRenderer(DjangoTemplates):
    form_template_name = "django/forms/div.html"
    field_template_name = "includes/field.html"


def has_bidi_controls(value) -> bool:
    """Whether a text holds a bidi embedding, override or isolate character (BIDI_CONTROLS)."""
    return bool(value) and BIDI_CONTROLS.search(str(value)) is not None


def is_plain_text(value, bidi: bool = True) -> bool:
    """For a service: whether a text is free of control characters (and, with `bidi`, of bidi controls)."""
    text = str(value or "")
    return not CONTROL_CHARS.search(text) and not (bidi and has_bidi_controls(text))


def plain_text_message(label=None) -> str:
    """「“标题”不能包含控制字符，请只填写文字。」 (without a label: 「填写的内容不能包含…」)."""
    if label:
        return _("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label}
    return _("填写的内容不能包含控制字符，请只填写文字。")


class PlainTextValidator:
    """「“意见内容”不能包含控制字符，请只填写文字。」 for a text with NUL or another control character (with `bidi`,
    or a bidi control character)."""

    code = "control_characters"

    def __init__(self, label=None, bidi=False):
        self.label = label
        self.bidi = bidi

    def __call__(self, value):
        if value and (CONTROL_CHARS.search(str(value)) or (self.bidi and has_bidi_controls(value))):
            raise ValidationError(plain_text_message(self.label), code=self.code)

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and (self.label, self.bidi) == (other.label, other.bidi)


def plain_text(field: forms.Field, bidi: bool = False) -> None:
    """A CharField's NUL check becomes the plain-text check above (for a field added after __init__ too);
    a field that already has one (e.g. core.secrecy's) keeps it."""
    if isinstance(field, forms.CharField):
        field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        if not any(isinstance(v, PlainTextValidator) for v in field.validators):
            field.validators.append(PlainTextValidator(field.label, bidi=bidi))


class PlainTextMixin:
    """Put first among a form's bases: each CharField's NUL check becomes the plain-text check above."""

    refuse_bidi = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            plain_text(field, bidi=self.refuse_bidi)


# Widgets of text that is not one line: a paragraph may carry right-to-left embeddings (see the module
# docstring); a password is never shown.
MULTI_LINE_OR_SECRET = (forms.Textarea, forms.PasswordInput)


def is_single_line(field: forms.Field) -> bool:
    """Whether a form field takes single-line text (a title, a name, a 文号, a subject): a CharField (or a
    subclass: e-mail, URL …) whose widget is not a Textarea (rich text included) nor a password input.
    Decided when the field is cleaned, so a widget a form swaps in after __init__ counts."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, MULTI_LINE_OR_SECRET)


def allow_bidi(field: forms.CharField) -> forms.CharField:
    """`field`, exempt from the single-line bidi refusal: only for text that is neither stored nor shown as
    typed, which its service normalizes itself (the site search's query: search/text.py folds format
    characters to spaces)."""
    field.bidi_allowed = True
    return field


class KeywordField(forms.CharField):
    """A list's keyword filter (GET): bidi and control characters are dropped rather than refused. The keyword is neither
    stored nor shown outside its own box, and a refusal made the filter form invalid — the list then
    dropped every filter or showed nothing. The text without them is what the list matches anyway (no
    stored title or name holds one: the forms refuse them)."""

    def to_python(self, value):
        if isinstance(value, str):  # control characters too, as the search box drops them (params.without_controls)
            value = CONTROL_CHARS.sub("", BIDI_CONTROLS.sub("", value))
        return super().to_python(value)  # then stripped


class PhoneField(forms.CharField):
    """A phone number field: the direction marks a copied number carries are dropped (DIRECTION_MARKS), so
    what is left is read as the number (the form's clean_phone, core.typed.validate_phone) instead of being
    refused as bidi text."""

    def to_python(self, value):
        return DIRECTION_MARKS.sub("", super().to_python(value))


def install_single_line_bidi_refusal() -> None:
    """Every form's single-line text field refuses bidi controls with `plain_text_message`, on the field
    (core.apps runs this once at start-up; running it again changes nothing). Django's CharField is the one
    class every form and ModelForm of the platform, the admin's and the login's included, builds its text
    fields from: hooking its validation is the one place no app's form can forget. A field its service
    normalizes itself is exempted with `allow_bidi`; a list's keyword filter
    drops them (`KeywordField`)."""
    original = forms.CharField.run_validators
    if getattr(original, "refuses_bidi", False):
        return

    def run_validators(self, value):
        original(self, value)
        if (value not in self.empty_values and is_single_line(self) and not getattr(self, "bidi_allowed", False)
                and has_bidi_controls(value)):
            raise ValidationError(plain_text_message(self.label), code=PlainTextValidator.code)

    run_validators.refuses_bidi = True
    forms.CharField.run_validators = run_validators


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


class IdsInRangeMixin:
    """A multiple choice posted with an id no database holds (99999999999999999999) is an invalid choice:
    Django passes it to an `__in` query, where SQLite raises OverflowError and PostgreSQL a range error (a 500)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # Django answers invalid_pk_value
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": pk})
        return super()._check_values(value)


class ModelMultipleChoiceField(IdsInRangeMixin, forms.ModelMultipleChoiceField):
    """Django's, with ids out of any database's range refused as invalid choices (use it for every
    multiple choice of rows)."""


def add_refusal(form: forms.Form, refusal, fields: dict[str, str] | None = None) -> None:
    """Show a service's refusal (`core.services.ActionRefused`) in `form`: on the field it names when the form
    shows that field, else above the form. `fields` maps a service's field name to the form's where the form
    offers another field for it (the register's form has no 成文日期: a 公布日期 before it is corrected there)."""
    field = getattr(refusal, "field", None)
    field = (fields or {}).get(field, field)
    form.add_error(field if field in form.fields else None, refusal.reason)
