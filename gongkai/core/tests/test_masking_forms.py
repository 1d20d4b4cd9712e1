"""Personal numbers however they are written (core.numberforms, core.masking, core.logging): in groups, as a
first-generation 15-digit ID number after an ID word, with zero-width characters between the digits, in
Arabic-Indic or other Unicode digits, with em dashes, NBSPs or minus signs as separators — masked on pages,
refused where published fields refuse them, and redacted from logs; 文号, 索引号, amounts, dates, 12345 and a
unit's published landline stay."""

import pytest

from gongkai.core.logging import ID_REPLACEMENT, MOBILE_REPLACEMENT, redact
from gongkai.core.masking import mask_numbers, mask_personal_numbers, personal_number_kind
from gongkai.core.numberforms import fold

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


@pytest.mark.parametrize("text, shown, kind", [
    # ID numbers in groups, as copied from a card or an app (370323199001011234 has a valid check character)
    ("身份证 3703 2319 9001 0112 34，请回复", "身份证 3703*************12 34，请回复", "id"),
    ("身份证370323 19900101 1234", "身份证3703************1234", "id"),
    ("证件号码：370323-1990-0101-1234。", "证件号码：3703*************1234。", "id"),
    ("本人11010519491231002X号码为 110105 19491231 002X", "本人1101**********002X号码为 1101************002X", "id"),
    # a first-generation ID number (15 digits) after an ID word
    ("身份证号：370323900101123", "身份证号：3703*******1123", "id"),
    ("原身份证 370323 900101 123 已作废", "原身份证 3703********1 123 已作废", "id"),
    ("证件号370323900101123，新证件号370323199001011234", "证件号3703*******1123，新证件号3703**********1234", "id"),
    # mobile numbers in groups
    ("手机 139 12345678 或 1391234-5678", "手机 139*****5678 或 139*****5678", "mobile"),
    ("电话139-1234 5678", "电话139******5678", "mobile"),
    # zero-width characters inside a number (pasted, or put there to pass a check)
    ("电话139\u200b1234\u200c5678", "电话139\u200b****\u200c5678", "mobile"),
    ("电话\ufeff139\u2060123\u200d45678", "电话\ufeff139\u2060***\u200d*5678", "mobile"),
    ("身份证3703231990\u200b01011234", "身份证3703******\u200b****1234", "id"),
    # dashes and spaces that are not ASCII ones
    ("电话139—1234—5678", "电话139******5678", "mobile"),
    ("电话139–1234–5678", "电话139******5678", "mobile"),
    ("电话139\u22121234\u22125678", "电话139******5678", "mobile"),
    ("电话139\u00a01234\u00a05678", "电话139******5678", "mobile"),
    ("电话139\u202f1234\u202f5678", "电话139******5678", "mobile"),
    ("电话１３９－１２３４－５６７８", "电话１３９******５６７８", "mobile"),
    ("身份证370323\u00a019900101\u00a01234", "身份证3703************1234", "id"),
])
def test_personal_numbers_however_written_are_masked_and_refused(text, shown, kind):
    assert mask_numbers(text) == shown
    assert personal_number_kind(text) == kind
    assert ID_REPLACEMENT in redact(text) or MOBILE_REPLACEMENT in redact(text)


@pytest.mark.parametrize("digits", [ARABIC_INDIC, DEVANAGARI])
def test_numbers_in_other_unicode_digits_are_masked_and_refused(digits):
    mobile, id_number = "13912345678".translate(digits), "370323199001011234".translate(digits)
    assert mask_numbers(f"电话{mobile}") == "电话" + "139****5678".translate(digits)
    assert mask_numbers(f"身份证{id_number}") == "身份证" + "3703**********1234".translate(digits)
    assert personal_number_kind(f"电话{mobile}") == "mobile"
    assert personal_number_kind(f"身份证{id_number}") == "id"
    assert redact(f"电话{mobile}，身份证{id_number}") == f"电话{MOBILE_REPLACEMENT}，身份证{ID_REPLACEMENT}"


@pytest.mark.parametrize("text", [
    "源政发〔2020〕3号", "源政办字〔2026〕12号", "鲁政办发〔2019〕139号",
    "索引号 113703230043677890/2026-00012", "索引号：11371323004365890X/2026－00012",
    "金额 1,380,000.00 元", "完成投资 139 1234 5678 元", "惠及 139 1234 5678 人次",
    "2026年12月03日", "2026-12-03", "时间：2026年3月1日 — 2026年3月31日", "2019 2020 2021 2022 23",
    "请拨打12345政务服务便民热线", "办公室电话0533-3241234", "电话：0533—3241234", "传真 0533 3221235",
    "营业执照注册号370323200012345", "合同编号 370323 900101 123", "订单号370323900101123",
    "统一社会信用代码 1137 0323 0043 6778 9A", "身份证复印件 1 份，2026 0301 0001 号",
])
def test_legitimate_numbers_stay_as_written_and_pass(text):
    """文号, 索引号, amounts, counts, dates, the 12345 hotline, a unit's published landline and 15-digit codes
    without an ID word before them are neither masked nor refused."""
    assert mask_numbers(text) == text
    assert personal_number_kind(text) is None


def test_a_15_digit_number_needs_a_valid_birth_date_after_the_id_word():
    assert mask_numbers("身份证号370323901301123") == "身份证号370323901301123"  # month 13
    assert personal_number_kind("身份证号370323901301123") is None


def test_a_writers_landline_written_with_an_em_dash_is_masked_a_units_stays():
    assert mask_personal_numbers("我家电话0533—3241234") == "我家电话0533—324****"
    assert mask_numbers("本单位电话0533—3241234") == "本单位电话0533—3241234"


def test_the_logs_keep_other_full_width_characters_as_written():
    assert redact("申请人：张三，电话１３９　１２３４　５６７８，２０２６年") == \
        f"申请人：张三，电话{MOBILE_REPLACEMENT}，２０２６年"
    assert redact("旧证370323900101123") == f"旧证{ID_REPLACEMENT}"


def test_one_folding_table_for_pages_and_logs():
    """core.logging reads numbers through core.numberforms, as core.masking does: no copy of the table."""
    import inspect

    from gongkai.core import logging as core_logging

    assert "maketrans" not in inspect.getsource(core_logging)
    assert fold("١٣٩\u200b—１２３\u00a0𝟒")[0] == "139-123 4"


@pytest.mark.parametrize("line, kept", [
    ("GET /search/?q=139+1234+5678 HTTP/1.1", f"GET /search/?q={MOBILE_REPLACEMENT} HTTP/1.1"),
    ("GET /hdjl/xx/?q=370323%2019900101%201234&page=2", f"GET /hdjl/xx/?q={ID_REPLACEMENT}&page=2"),
    ("q=%E8%BA%AB%E4%BB%BD%E8%AF%81370323+900101+123", f"q=%E8%BA%AB%E4%BB%BD%E8%AF%81{ID_REPLACEMENT}"),
    ("q=139%2D1234%2D5678", f"q={MOBILE_REPLACEMENT}"),
    ("GET /zfxxgk/?date=2026+12+03&page=12345 HTTP/1.1", "GET /zfxxgk/?date=2026+12+03&page=12345 HTTP/1.1"),
])
def test_an_access_log_line_with_a_number_in_groups_is_redacted(line, kept):
    """In a query string a space is `+` or `%20`: a number searched for in groups is still redacted."""
    assert redact(line) == kept


@pytest.mark.parametrize("text", [
    "合计：1500000 2000 3000。", "2026年预算收入 1856000 1523 1200", "项目 156 2345 6789 1234",
    "户数 人口\n南麻街道 139 12345678 4567\n", "支出 1234 5678 9012 3456 78 90",
])
def test_a_tables_figures_separated_by_spaces_stay_as_written_and_pass(text):
    """A 预算 or statistics table pasted as text: a 7-digit then a 4-digit figure (`1500000 2000`), or 3-4-4 figures,
    among other figures of the same run are not a mobile number written in groups."""
    assert mask_numbers(text) == text
    assert personal_number_kind(text) is None


@pytest.mark.parametrize("text, shown, kind", [
    ("电话 139 1234 5678 138 1234 5678", "电话 139******5678 138******5678", "mobile"),
    ("身份证：370323 19900101 1234 5号楼", "身份证：3703************1234 5号楼", "id"),
    ("身份证 370323 19900101 1234 13912345678", "身份证 3703************1234 139****5678", "id"),
    ("身份证 370323 19900101 1234 5", "身份证 3703************1234 5", "id"),
    ("合计：1500000 2000 电话 139 1234 5678", "合计：150*****2000 电话 139******5678", "mobile"),
    ("联系 0086 139 1234 5678", "联系 0086 139******5678", "mobile"),
])
def test_personal_numbers_in_groups_beside_other_numbers_are_still_masked(text, shown, kind):
    assert mask_numbers(text) == shown
    assert personal_number_kind(text) == kind


@pytest.mark.parametrize("mark", ["\u00ad", "\u200e", "\u200f", "\u061c", "\u202a", "\u202c", "\u2066", "\u2069",
                                  "\u2062", "\u034f", "\u180e", "\ufe0f"])
def test_invisible_format_characters_inside_a_number_are_read_through(mark):
    """A soft hyphen (Word, web pages), a direction mark or isolate (a phone's contacts app), an invisible operator
    or a variation selector between the digits hides nothing: the number is masked, refused and redacted."""
    mobile, id_number = f"139{mark}1234{mark}5678", f"370323{mark}19900101{mark}1234"
    assert mask_numbers(f"电话{mobile}") == f"电话139{mark}****{mark}5678"
    assert mask_numbers(f"身份证{id_number}") == f"身份证3703**{mark}********{mark}1234"
    assert personal_number_kind(f"电话{mobile}") == "mobile"
    assert personal_number_kind(f"身份证{id_number}") == "id"
    assert redact(f"电话{mobile}，身份证{id_number}") == f"电话{MOBILE_REPLACEMENT}，身份证{ID_REPLACEMENT}"
