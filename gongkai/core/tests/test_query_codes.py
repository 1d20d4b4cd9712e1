"""查询码 lookups, shared by 依申请公开 and the 信箱: the holder's code finds the case however it is typed,
and a wrong number or code gets the same None."""

import pytest

from gongkai.core import query_codes
from gongkai.mailbox.factories import MessageFactory

pytestmark = pytest.mark.django_db


def test_a_new_code_is_three_groups_of_unambiguous_characters():
    code = query_codes.new()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(query_codes.ALPHABET) and not set("0O1IL") & set(code)
    assert query_codes.new() != code


def test_the_code_finds_its_row_however_typed_and_nothing_else():
    message = MessageFactory(tracking_number="LY-2020-000001")
    message.query_code_digest = query_codes.digest("test-purpose", message.tracking_number, "ABCD-EFGH-JKMN")
    message.save()
    rows = type(message).objects.all()
    assert query_codes.find(rows, "test-purpose", " ly-2020-000001 ", "abcd efgh jkmn") == message
    assert query_codes.find(rows, "test-purpose", "LY-2020-000001", "ABCD-EFGH-JKMP") is None
    assert query_codes.find(rows, "test-purpose", "LY-2020-000002", "ABCD-EFGH-JKMN") is None
    assert query_codes.find(rows, "other-purpose", "LY-2020-000001", "ABCD-EFGH-JKMN") is None  # each app its own key
