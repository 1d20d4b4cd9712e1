"""core.archives.has_macros as an attacker and an ordinary user meet it: a .docm renamed .docx is refused however
its package is written (the look reads the XML as Office does), and ordinary documents and workbooks — whatever
their cells say — pass."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.core.tests.test_uploads import WORD_MAIN, docx_bytes, xlsx_bytes
from gongkai.core.uploads import check_table, check_upload

DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def rewritten(package: bytes, edit: dict, extra: dict | None = None) -> bytes:
    """`package` with some parts' text edited ({part: [(old, new), …]}) and parts added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename in edit:
                for old, new in edit[member.filename]:
                    assert old.encode() in data
                    data = data.replace(old.encode(), new.encode())
            target.writestr(member.filename, data, zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def renamed_project() -> bytes:
    """A .docm whose VBA project part is not called vbaProject.bin: Word finds it by the relationship."""
    rels = "word/_rels/document.xml.rels"
    return rewritten(docx_bytes(), {
        "[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN.replace("E", "&#69;", 1))],
        rels: [("</Relationships>", f'<Relationship Id="rIdV" Type="{VBA_RELATIONSHIP}" Target="code.bin"/>'
                                    "</Relationships>")],
    }, {"word/code.bin": b"\xd0\xcf\x11\xe0 VBA"})


@pytest.mark.parametrize("content", [
    # The content type written with a character reference: an XML parser (and Word) reads macroEnabled.
    rewritten(docx_bytes(), {"[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN.replace("E", "&#69;", 1))]}),
    # [Content_Types].xml padded past the size the look used to stop reading at (it packs to a few bytes).
    rewritten(docx_bytes(), {"[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN), ("</Types>", " " * 1100000 + "</Types>")]}),
    # The project not called vbaProject.bin: the main part's relationship names it.
    renamed_project(),
], ids=["character-reference", "padded-content-types", "renamed-project"])
def test_a_docm_renamed_is_refused_however_its_package_is_written(content):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("通知.docx", content))
    assert refused.value.messages == ["附件“通知.docx”含有宏，不能上传；请另存为不含宏的 .docx 文件后再上传。"]


def test_ordinary_files_that_mention_macros_pass():
    """A cell or a paragraph may well say 「vbaProject.bin」 or 「macroEnabled」 (an IT department's notice)."""
    book = Workbook()
    book.active.append(["vbaProject.bin", "application/vnd.ms-word.document.macroEnabled.main+xml"])
    out = io.BytesIO()
    book.save(out)
    assert check_table(SimpleUploadedFile("台账.xlsx", out.getvalue())).extension == ".xlsx"
    assert check_upload(SimpleUploadedFile("明细.xlsx", out.getvalue())).extension == ".xlsx"
    from docx import Document

    document = Document()
    document.add_paragraph("请勿上传含 vbaProject.bin 或 macroEnabled 内容类型的文件")
    document.add_paragraph().add_run().add_break()
    out = io.BytesIO()
    document.save(out)
    assert check_upload(SimpleUploadedFile("通知.docx", out.getvalue())).extension == ".docx"
    assert check_upload(SimpleUploadedFile("明细.xlsx", xlsx_bytes())).extension == ".xlsx"


XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


def with_embedded_workbook(name: str, declaration: str, macros: bool = True) -> bytes:
    """A .docx with a workbook embedded as Word embeds one: a part in word/embeddings/ that the document's
    relationships name as a package, its content type declared in [Content_Types].xml."""
    workbook = rewritten(xlsx_bytes(), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"} if macros else {})
    return rewritten(docx_bytes(), {
        "[Content_Types].xml": [("</Types>", declaration + "</Types>")],
        "word/_rels/document.xml.rels": [("</Relationships>", f'<Relationship Id="rIdE" Type="{PACKAGE_RELATIONSHIP}" '
                                                              f'Target="embeddings/{name}"/></Relationships>')],
    }, {f"word/embeddings/{name}": workbook})


@pytest.mark.parametrize("content", [
    with_embedded_workbook("Microsoft_Excel_Macro-Enabled_Worksheet.xlsm",
                           f'<Default Extension="xlsm" ContentType="{XLSM}"/>'),
    with_embedded_workbook("sheet1.bin", '<Override PartName="/word/embeddings/sheet1.bin" '
                                         f'ContentType="{XLSM.replace("E", "&#69;", 1)}"/>'),
], ids=["default", "override"])
def test_a_docx_with_an_embedded_macro_workbook_says_the_macros_are_in_the_embedded_file(content):
    """The sender's document has no macros of its own: the refusal says which file to take out."""
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("通知.docx", content))
    assert refused.value.messages == ["附件“通知.docx”中嵌入的Excel 工作簿含有宏，不能上传；请删去这个嵌入的文件，"
                                      "或把它另存为不含宏的文件后重新插入，再上传。"]


def test_a_docm_with_an_embedded_macro_workbook_is_refused_for_its_own_macros():
    content = rewritten(with_embedded_workbook("a.xlsm", f'<Default Extension="xlsm" ContentType="{XLSM}"/>'),
                        {"[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN)]})
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("通知.docx", content))
    assert refused.value.messages == ["附件“通知.docx”含有宏，不能上传；请另存为不含宏的 .docx 文件后再上传。"]


def test_a_docx_with_an_embedded_ordinary_workbook_passes():
    content = with_embedded_workbook("Microsoft_Excel_Worksheet.xlsx", f'<Default Extension="xlsx" ContentType="{XLSX}"/>',
                                     macros=False)
    assert check_upload(SimpleUploadedFile("通知.docx", content)).extension == ".docx"


def with_ole_object(content: bytes) -> bytes:
    """A .docx with an Office 97–2003 file inserted as an object: Word keeps it whole, as an OLE2 part."""
    return rewritten(docx_bytes(), {
        "[Content_Types].xml": [("</Types>", '<Default Extension="bin" ContentType="application/vnd.openxmlformats-'
                                             'officedocument.oleObject"/></Types>')],
    }, {"word/embeddings/oleObject1.bin": content})


def test_a_docx_with_an_embedded_macro_xls_says_the_macros_are_in_the_embedded_file():
    from gongkai.core.tests.compound_files import xls

    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("通知.docx", with_ole_object(xls(macros=True))))
    assert refused.value.messages == ["附件“通知.docx”中嵌入的Excel 工作簿含有宏，不能上传；请删去这个嵌入的文件，"
                                      "或把它另存为不含宏的文件后重新插入，再上传。"]
    assert check_upload(SimpleUploadedFile("通知.docx", with_ole_object(xls()))).extension == ".docx"
