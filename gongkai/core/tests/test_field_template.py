"""One form style: every form field is drawn by includes/field.html, required ones marked in words."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class _Form(forms.Form):
    title = forms.CharField(label="标题", help_text="不超过100字")
    summary = forms.CharField(label="摘要", required=False)
    agreed = forms.BooleanField(label="已完成保密审查")
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)


def _field(form, name):
    return render_to_string("includes/field.html", {"field": form[name]})


def test_required_fields_are_marked_and_optional_ones_are_not():
    form = _Form()
    title = _field(form, "title")
    assert 'class="field required"' in title
    assert ">标题</label><span class=\"required-mark\" aria-hidden=\"true\">（必填）</span>" in title
    assert 'aria-describedby="id_title_helptext"' in title and "不超过100字" in title and " required" in title
    assert "必填" not in _field(form, "summary") and ":" not in _field(form, "summary")
    assert "已完成保密审查</label><span class=\"required-mark\" aria-hidden=\"true\">（必填）</span>" in _field(form, "agreed")
    assert "<legend>类型<span class=\"required-mark\" aria-hidden=\"true\">（必填）</span></legend>" in _field(form, "kind")
    with translation.override("en"):
        assert "(required)" in _field(form, "title")


def test_errors_are_shown_with_the_field():
    form = _Form(data={})
    assert form.is_valid() is False
    title = _field(form, "title")
    assert "has-error" in title and "errorlist" in title
