"""A form rendered whole ({{ form }}) looks like the hand-written ones: the shared field template."""

from django import forms
from django.template import Context, Template


class Sample(forms.Form):
    title = forms.CharField(label="名称")
    note = forms.CharField(label="备注", required=False, help_text="选填")


def test_a_whole_form_renders_every_field_through_the_shared_template():
    form = Sample(data={"title": ""})
    html = Template("{{ form }}").render(Context({"form": form}))
    assert 'class="field required has-error" id="field-title"' in html
    assert "（必填）" in html.split('id="field-note"')[0]  # the mark beside 名称 only
    assert "（必填）" not in html.split('id="field-note"')[1]
    assert 'id="id_note_helptext"' in html and "选填" in html
