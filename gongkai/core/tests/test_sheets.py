"""The one reader of uploaded spreadsheets streams, stops at the row limit and bounds its time (issue #19 item 3)."""

import io

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._reader import WorkSheetParser

from gongkai.core import exports
from gongkai.core.sheets import SheetError, numbered, read_csv, read_xlsx


def big_xlsx(rows: int, blank_top: int = 0) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for _ in range(blank_top):
        sheet.append([])
    sheet.append(["序号", "内容"])
    for number in range(rows):
        sheet.append([number, f"第{number}行"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def parsed_rows(monkeypatch):
    """How many rows openpyxl parsed from the sheet's XML (read-only or not)."""
    seen = []
    original = WorkSheetParser.parse_row

    def counting(self, row):
        seen.append(1)
        return original(self, row)

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    return seen


def test_a_file_over_the_limit_is_refused_after_reading_just_past_the_limit(parsed_rows):
    data = big_xlsx(3000)
    with pytest.raises(SheetError, match="表格超过100行") as refused:
        read_xlsx(data, max_rows=100)
    assert refused.value.rows_read == 101 and refused.value.too_many_rows
    assert len(parsed_rows) < 200  # of 3,001 rows in the file


def test_rows_within_the_limit_are_read_with_blank_rows_at_the_top_skipped():
    rows = read_xlsx(big_xlsx(3, blank_top=2), max_rows=4)
    assert rows == [["序号", "内容"], [0, "第0行"], [1, "第1行"], [2, "第2行"]]
    assert rows.first_row == 3 and [n for n, _row in numbered(rows)] == [4, 5, 6]  # as Excel numbers them
    assert read_xlsx(big_xlsx(1), max_rows=4).first_row == 1


def test_csv_rows_know_the_number_of_their_first_record():
    rows = read_csv("\ufeff\n,,\na,b\n\n1,2\n".encode(), max_rows=9)
    assert rows == [["a", "b"], [], ["1", "2"]]
    assert rows.first_row == 3 and list(numbered(rows)) == [(4, []), (5, ["1", "2"])]


def test_the_time_bound_stops_a_slow_read_with_a_chinese_message():
    with pytest.raises(SheetError, match="读取表格用时过长") as refused:
        read_xlsx(big_xlsx(1000), max_rows=5000, seconds=-1)
    assert refused.value.rows_read == 256


def test_blank_rows_between_records_count_and_trailing_ones_do_not():
    data = "\ufeffa,b\n\n\n1,2\n\n\n\n".encode()
    assert read_csv(data, max_rows=4) == [["a", "b"], [], [], ["1", "2"]]
    with pytest.raises(SheetError):
        read_csv(data, max_rows=3)


def test_csv_cells_lose_the_export_escaping_and_bad_files_are_refused_in_chinese():
    data = exports.write_csv(["公式"], [["=1+1"], ["'备注"]])
    assert read_csv(data, max_rows=10) == [["公式"], ["=1+1"], ["'备注"]]
    with pytest.raises(SheetError, match="UTF-8"):
        read_csv("表头".encode("gbk"), max_rows=10)
    with pytest.raises(SheetError, match="无法读取该文件"):
        read_xlsx(b"PK\x03\x04 not really", max_rows=10)


def test_wide_rows_are_cut_to_the_columns_an_import_reads():
    book = Workbook()
    book.active.append(list(range(200)))
    assert read_xlsx(exports.save(book), max_rows=2, max_columns=5) == [[0, 1, 2, 3, 4]]


def test_a_formula_cell_is_refused_by_row_and_heading_instead_of_read_as_empty():
    book = Workbook()
    for row in (["名称", "金额"], ["甲", 3], ["乙", "=B2*2"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl caches no value: read for values only, 「乙」's 金额 was silently empty
    with pytest.raises(SheetError) as refused:
        read_xlsx(buffer.getvalue(), max_rows=10)
    assert str(refused.value) == "第3行「金额」：含公式，请粘贴为数值后再导入。"
    book.active.append(["丙", "=SUM(B2:B3)"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(SheetError, match="第3行「金额」等2个单元格含公式"):
        read_xlsx(buffer.getvalue(), max_rows=10)


def _book_bytes(*rows, change=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if change:
        change(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_error_values_are_refused_naming_row_and_column():
    def errors(sheet):
        for coordinate in ("B2", "C3"):
            sheet[coordinate].data_type = "e"

    data = _book_bytes(["名称", "依据", "备注"], ["许可", "#REF!", ""], ["审批", "法", "#N/A"], change=errors)
    with pytest.raises(SheetError, match="第2行「依据」等2个单元格是错误值（如#REF!），请改正后再导入。"):
        read_xlsx(data, max_rows=10)


def test_percentages_read_as_shown():
    def percent(sheet):
        sheet["B2"].number_format, sheet["B3"].number_format = "0%", "0.00%"

    data = _book_bytes(["名称", "比例"], ["抽查", 0.05], ["复查", 0.1234], ["其他", 0.05], change=percent)
    assert [row[1] for row in read_xlsx(data, max_rows=10)[1:]] == ["5%", "12.34%", 0.05]


def test_a_literal_percent_sign_in_the_format_does_not_scale_the_number():
    # 0"%" and 0\% show 5 as 5%: the % is text there, not a percentage format.
    def literal(sheet):
        sheet["B2"].number_format, sheet["B3"].number_format = '0"%"', "0\\%"
        sheet["B4"].number_format = '0.0%;[Red]-0.0%'

    data = _book_bytes(["名称", "比例"], ["抽查", 5], ["复查", 12], ["其他", 0.125], change=literal)
    assert [row[1] for row in read_xlsx(data, max_rows=10)[1:]] == [5, 12, "12.5%"]


@pytest.mark.parametrize("cell", ["尾部\x00事项", "\x00"])
def test_a_csv_with_a_nul_is_refused_at_reading_naming_its_row(cell):
    """PostgreSQL cannot store NUL: no import may get a row holding one (each used to check its own cells).
    The row is numbered as a spreadsheet program shows it: blank rows count, a quoted cell spanning lines
    is one row; a NUL in a column beyond those read is refused too."""
    data = f'\ufeff\n名称,说明\n"第一行\n第二行",甲\n乙,{cell}\n'.encode()
    with pytest.raises(SheetError, match=r"^CSV 文件第4行含有空字符（NUL") as refused:
        read_csv(data, max_rows=10)
    assert refused.value.rows_read == 4
    with pytest.raises(SheetError, match="第2行含有空字符"):
        read_csv(f"名称\n乙,丙,{cell}\n".encode(), max_rows=10, max_columns=1)
    assert read_csv("名称,说明\n乙,\\x00\n".encode(), max_rows=10) == [["名称", "说明"], ["乙", "\\x00"]]


@pytest.mark.parametrize("spoof", ["\u202e", "\u2066", "\u202a"])
def test_a_cell_with_a_bidi_control_is_refused_naming_its_row_and_heading(spoof):
    """The forms refuse bidi embedding/override/isolate characters in a title or a name (core.forms); an
    import wrote them unchecked — 「关于\u202e知通」 published reordered, and the record then could not be saved
    again in its own form. Every import reads through here, so each is refused by row and column heading."""
    title = f"关于开展工作的通知{spoof}fdp.exe"
    with pytest.raises(SheetError, match=r"^第3行「标题」：含有看不见的文字方向控制字符"):
        read_csv(f"编号,标题\n1,通知\n2,{title}\n".encode(), max_rows=10)
    with pytest.raises(SheetError, match=r"^第3行「标题」等2个单元格含有看不见的文字方向控制字符"):
        read_xlsx(_book_bytes(["编号", "标题"], [1, "通知"], [2, title], [3, title]), max_rows=10)


def test_uyghur_arabic_and_other_marks_still_read():
    """Right-to-left text itself, and the left-to-right/right-to-left marks (U+200E/U+200F) an input method
    may type, are no bidi control the forms refuse either."""
    rows = read_csv("名称\nئۇيغۇرچە خەۋەر\n沂源县\u200f\n".encode(), max_rows=10)
    assert rows[1:] == [["ئۇيغۇرچە خەۋەر"], ["沂源县\u200f"]]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32"])
@pytest.mark.parametrize("text", ["title,year\nBudget 2020,2020\n", "名称,年份\n预算执行情况,2020\n一,二\n"])
def test_a_utf16_csv_is_refused_as_utf16_not_as_holding_nul(encoding, text):
    """Excel's 「Unicode 文本」 and Notepad's 「Unicode」 save UTF-16 (utf-16 and utf-32 here carry a BOM, -le and
    -be none): without a BOM such a file was refused as 「第1行含有空字符」, a character staff cannot find."""
    with pytest.raises(SheetError, match=r"UTF-16 编码.*另存为“CSV UTF-8（逗号分隔）”") as refused:
        read_csv(text.encode(encoding), max_rows=10)
    assert "空字符" not in str(refused.value)


def test_a_utf8_csv_with_a_few_nuls_is_still_refused_for_its_nul():
    """A stray NUL or two in a UTF-8 file is not taken for UTF-16: the refusal still names its row."""
    data = ("名称,说明\n" + "甲,乙\n" * 40 + "丙,\x00\x00\n").encode()
    with pytest.raises(SheetError, match="第42行含有空字符"):
        read_csv(data, max_rows=100)
    assert read_csv("名称,说明\n甲,乙\n".encode("utf-8-sig"), max_rows=10) == [["名称", "说明"], ["甲", "乙"]]
