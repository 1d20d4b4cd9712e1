"""A NUL or other control character typed into the public forms gets a plain message naming the field, not
Django's garbled 「不允许是用空字符串」 (the same check as the participation and survey forms)."""

import pytest

from gongkai.mailbox.forms import MessageForm
from gongkai.requests.forms.public import ApplicationForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class, field, label", [
    (ApplicationForm, "info_description", "所需政府信息的特征性描述"),
    (MessageForm, "subject", None),
])
def test_a_nul_in_a_public_form_gets_a_clear_message(form_class, field, label):
    form = form_class(data={field: "请公开\x00预算"})
    assert not form.is_valid()
    errors = " ".join(form.errors[field])
    assert "不能包含控制字符" in errors and "空字符串" not in errors
    if label:
        assert label in errors


def test_a_bidi_override_in_the_application_is_refused_on_its_field():
    """The name and request go into staff pages and the letters sent back: 「\u202e」 would reorder them."""
    form = ApplicationForm(data={"applicant_name": "张三\u202e", "info_description": "请公开预算"})
    assert not form.is_valid()
    assert "不能包含控制字符" in " ".join(form.errors["applicant_name"])
    assert "info_description" not in form.errors


def test_a_nul_in_the_lookup_form_gets_the_same_plain_message():
    from gongkai.requests.forms.public import LookupForm

    form = LookupForm(data={"tracking_number": "SQ-2026-\x00000001", "query_code": "ABCD-EFGH-JKMN"})
    assert not form.is_valid()
    assert "不能包含控制字符" in " ".join(form.errors["tracking_number"])
