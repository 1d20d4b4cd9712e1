"""One masking function for personal numbers typed into free text (issue #19, item 9)."""

import pytest

from gongkai.core.masking import (
    looks_like_id_number,
    mask_id_number,
    mask_landlines,
    mask_numbers,
    mask_personal_numbers,
    mask_phone,
    personal_number_kind,
)


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


# Second review: what is refused is masked, and legitimate numbers are neither (personal_number_kind).
LEGITIMATE = [
    "统一社会信用代码113703230043002469",  # 18 digits, no valid check character nor birth date
    "合同编号202603150000012345",
    "详见 http://www.yiyuan.gov.cn/art/2026/3/2/art_2067_13701234567.html",
    "完成投资15000000000元",
    "完成投资 15000000000 元，惠及13800000000人次",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_numbers_are_neither_refused_nor_masked(text):
    assert personal_number_kind(text) is None
    assert mask_numbers(text) == text


@pytest.mark.parametrize("text, kind", [
    ("本人身份证号11010519491231002X", "id"), ("身份证 370323199001011234。", "id"),
    ("联系电话 13912345678。", "mobile"), ("电话138-1234-5678", "mobile"), ("TEL13912345678", "mobile"),
    ("+8613912345678", "mobile"), ("手机：13912345678，", "mobile"),
])
def test_personal_numbers_are_refused_and_masked(text, kind):
    assert personal_number_kind(text) == kind
    assert mask_numbers(text) != text


def test_an_id_number_with_a_typo_is_masked_though_not_refused():
    assert personal_number_kind("370302199001011234") is None  # wrong check character
    assert mask_numbers("370302199001011234") == "3703**********1234"


def test_the_id_number_test_lives_in_core():
    assert looks_like_id_number("身份证 11010519491231002X")
    assert not looks_like_id_number("113703230043002469")
    assert not looks_like_id_number("11370323MB2850001X")


@pytest.mark.parametrize("text", [
    "投资5000000", "面积2500000平方米", "补贴 5000000 元", "共3456789 人次", "第2345678期", "行政区划代码37032300",
    "30000000", "20261399", "联系时间20260301", "hotel 3221234",
])
def test_amounts_and_codes_are_not_landlines(text):
    assert mask_landlines(text) == text


@pytest.mark.parametrize("text, shown", [
    ("0533-3221234", "0533-322****"), ("(0533)3221234", "(0533)322****"), ("0533 3221234", "0533 322****"),
    ("（0533）3221234转", "（0533）322****转"), ("电话：3221234", "电话：322****"),
    ("联系电话 3221234、3221235", "联系电话 322****、322****"), ("Tel: 0533-3221234-801", "Tel: 0533-322****-801"),
    ("请拨打座机3221234咨询", "请拨打座机322****咨询"),
])
def test_landlines_are_masked(text, shown):
    assert mask_landlines(text) == shown


@pytest.mark.parametrize("text, shown", [
    ("电话１３９１２３４５６７８。", "电话１３９****５６７８。"),
    ("手机 １３９ １２３４ ５６７８", "手机 １３９******５６７８"),
    ("身份证３７０３２３１９９００１０１１２３４", "身份证３７０３**********１２３４"),
    ("座机（０５３３）３２２１２３４", "座机（０５３３）３２２****"),
    ("电话：０５３３－３２２１２３４", "电话：０５３３－３２２****"),
])
def test_numbers_typed_in_full_width_digits_are_masked(text, shown):
    """A Chinese input method in full-width mode types １３９…: the same number, masked the same way."""
    assert mask_personal_numbers(text) == shown


def test_a_mobile_in_full_width_digits_is_refused_where_numbers_are_refused():
    assert personal_number_kind("请回电１３９１２３４５６７８") == "mobile"
    assert personal_number_kind("投资１５０００００００００元") is None


def test_an_id_number_typed_in_full_width_with_its_check_character_x_is_masked_and_refused():
    """About one ID number in eleven ends in X; in full-width mode the input method types Ｘ."""
    wide = "１１０１０５１９４９１２３１００２Ｘ"
    assert mask_personal_numbers(f"身份证{wide}，电话１３９１２３４５６７８。") == \
        "身份证１１０１**********００２Ｘ，电话１３９****５６７８。"
    assert personal_number_kind(f"申请人{wide}") == "id"


@pytest.mark.parametrize("text", [
    "编号Ａ１３９１２３４５６７８",  # a code, as A13912345678 is
    "增长１３９１２３４５６７８．５万",  # an amount, as 13912345678.5万 is
])
def test_full_width_letters_and_points_read_as_half_width_ones(text):
    assert mask_personal_numbers(text) == text and personal_number_kind(text) is None
