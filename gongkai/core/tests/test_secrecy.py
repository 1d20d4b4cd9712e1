"""The one 保密审查 rule (条例第十七条) every publishing app uses: the helper and the form fields."""

import pytest
from django.utils import translation

from gongkai.core.forms import PlainTextMixin
from gongkai.core.secrecy import (
    SECRECY_OPINION_MAX_LENGTH,
    SecrecyReviewFields,
    require_secrecy_review,
    secrecy_refusal,
)
from gongkai.core.services import ActionRefused


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_a_complete_review_passes_and_the_opinion_is_stripped():
    assert secrecy_refusal(True, "经审查，不涉及国家秘密，同意公开。") is None
    assert require_secrecy_review(True, "  同意公开。\n") == "同意公开。"
    assert require_secrecy_review(True, "第一行\n第二行\t说明") == "第一行\n第二行\t说明"  # line breaks and tabs are text


@pytest.mark.parametrize("checked", [False, None, "on", "False", 1])
def test_only_a_real_tick_counts_and_the_article_is_cited(checked):
    assert secrecy_refusal(checked, "同意") == "公开前必须完成保密审查（条例第十七条），请确认已审查。"


@pytest.mark.parametrize("opinion", [None, "", "   \n"])
def test_an_opinion_is_required(opinion):
    assert secrecy_refusal(True, opinion) == "请填写保密审查意见。"
    with pytest.raises(ActionRefused, match="请填写保密审查意见"):
        require_secrecy_review(True, opinion)


@pytest.mark.parametrize("opinion", ["同意\x00", "同\x0b意", "\x1b[31m同意"])
def test_control_characters_are_refused(opinion):
    assert secrecy_refusal(True, opinion) == "“保密审查意见”不能包含控制字符，请只填写文字。"


def test_the_opinion_has_one_maximum():
    assert secrecy_refusal(True, "意" * SECRECY_OPINION_MAX_LENGTH) is None
    assert secrecy_refusal(True, "意" * (SECRECY_OPINION_MAX_LENGTH + 1)) == "保密审查意见不能超过1000字。"


def test_messages_in_english():
    with translation.override("en"):
        assert "Article 17" in secrecy_refusal(False, "同意")
        assert "保密" not in secrecy_refusal(True, "")


def test_the_form_fields_say_the_same():
    form = SecrecyReviewFields({"opinion": ""})
    assert not form.is_valid()
    assert form.errors == {"secrecy_checked": ["公开前必须完成保密审查（条例第十七条），请确认已审查。"],
                           "opinion": ["请填写保密审查意见。"]}
    form = SecrecyReviewFields({"secrecy_checked": "on", "opinion": "同\x00意"})
    assert form.errors == {"opinion": ["“保密审查意见”不能包含控制字符，请只填写文字。"]}  # once, not twice
    plain = type("PlainSecrecyForm", (PlainTextMixin, SecrecyReviewFields), {})  # as the gazette's forms
    assert plain({"secrecy_checked": "on", "opinion": "同\x0b意"}).errors == {
        "opinion": ["“保密审查意见”不能包含控制字符，请只填写文字。"]}
    form = SecrecyReviewFields({"secrecy_checked": "on", "opinion": "意" * 1001})
    assert form.errors == {"opinion": ["保密审查意见不能超过1000字。"]}
    form = SecrecyReviewFields({"secrecy_checked": "on", "opinion": " 同意 "})
    assert form.is_valid() and form.cleaned_data == {"secrecy_checked": True, "opinion": "同意"}
