"""One masking function for personal numbers typed into free text (issue #19, item 9)."""

import pytest

from gongkai.core.masking import mask_id_number, mask_numbers, mask_phone


@pytest.mark.parametrize("text, shown", [
    ("本人身份证号11010519491231002X，请公开我家的宅基地审批材料", "本人身份证号1101**********002X，请公开我家的宅基地审批材料"),
    ("联系电话 13912345678。", "联系电话 139****5678。"),
    ("源政办字〔2020〕66号，电话0533-3221234", "源政办字〔2020〕66号，电话0533-3221234"),
    ("统一社会信用代码 11370323004367789A", "统一社会信用代码 11370323004367789A"),
    ("索引号 113703230043677890/2026-00012 已公开", "索引号 113703230043677890/2026-00012 已公开"),
    ("身份证370323199001011234/电话13912345678", "身份证3703**********1234/电话139****5678"),
    # a date after a slash is not a 索引号's serial: the number before it is masked
    ("身份证370323199001011234/2026-03-02来电", "身份证3703**********1234/2026-03-02来电"),
    # mobile numbers as people write them
    ("电话138-1234-5678，或 139 1234 5678", "电话138******5678，或 139******5678"),
    ("+8613912345678、8613912345678", "+86*******5678、861******5678"),
    ("金额13,800,001,234元，2026-12-03，SQ-2026-000012", "金额13,800,001,234元，2026-12-03，SQ-2026-000012"),
    ("", ""),
])
def test_numbers_in_free_text_are_masked(text, shown):
    assert mask_numbers(text) == shown


def test_known_fields_are_masked_alike():
    assert mask_id_number("370323199001011234") == "3703**********1234"
    assert mask_phone("13912345678") == "139****5678"
