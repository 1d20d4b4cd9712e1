"""Form widgets shared by the apps."""

from django import forms
from django.forms import Script
from django.utils.translation import gettext_lazy as _


class RichTextarea(forms.Textarea):
    """A textarea that becomes the rich-text editor (Jodit, docs/decisions/0005-rich-text-editor.md) when
    JavaScript runs; without it, the plain textarea takes HTML as before. Whatever arrives is sanitized
    by the service that stores it (core.sanitize)."""

    def __init__(self, attrs=None):
        base = {"rows": 16, "data-rich-text": "1", "data-editor-label": _("正文编辑器")}
        super().__init__({**base, **(attrs or {})})

    class Media:
        css = {"all": ["vendor/jodit/es2021/jodit.min.css", "gongkai/editor.css"]}
        js = [Script("vendor/jodit/es2021/jodit.min.js", defer=True), Script("gongkai/editor.js", defer=True)]


class DateInput(forms.DateInput):
    """`<input type="date">`. Browsers accept only yyyy-mm-dd as its value; Django's default would format
    the date for the active language (2020/08/10 under zh-hans), which the browser rejects: the field
    shows empty and submits "", so saving a form unchanged would erase the date."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        kwargs["format"] = "%Y-%m-%d"
        super().__init__(attrs, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`, whose value must be yyyy-mm-ddThh:mm (as for DateInput)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, **kwargs):
        kwargs["format"] = "%Y-%m-%dT%H:%M"
        super().__init__(attrs, **kwargs)
