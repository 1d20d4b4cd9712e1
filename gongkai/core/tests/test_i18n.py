import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from gongkai.core.i18n import in_document_language


@in_document_language
def heading():
    return gettext("政府信息公开")


def test_documents_are_written_in_chinese_while_the_interface_is_english():
    with translation.override("en"):
        assert gettext("政府信息公开") != "政府信息公开"  # the interface really is English here
        assert heading() == "政府信息公开"
        assert translation.get_language() == "en"  # and it is English again afterwards


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "（2025-03-12）同意。"), ("en", " (2025-03-12) agreed. ")])
def test_a_word_after_a_closing_bracket_and_a_full_stop_follow_the_language(language, expected):
    """Chinese runs a word on after 「）」 and ends with 「。」; English needs the space and ". "."""
    template = Template("{% load punctuation %}{% lparen %}2025-03-12{% rparen %}{% word_space %}{{ word }}{% full_stop %}")
    with translation.override(language):
        assert template.render(Context({"word": "同意" if language == "zh-hans" else "agreed"})) == expected


def test_a_nul_in_any_form_field_gets_a_clear_chinese_message_not_djangos_garbled_one():
    from django import forms
    from django.utils import translation

    with translation.override("zh-hans"):
        with pytest.raises(forms.ValidationError) as refused:
            forms.CharField().clean("0533\x00")
    assert refused.value.messages == ["不能包含空字符（NUL），请删除后重新填写。"]
