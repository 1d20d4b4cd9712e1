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
