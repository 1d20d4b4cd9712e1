"""Hostile text in a letter (audit of the generated documents, session 19): what reaches python-docx or WeasyPrint
never makes a server error — a title with a character XML 1.0 cannot hold or longer than a DOCX property holds, a
lone surrogate, a seal image whose file is gone."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from gongkai.letters import seals, services
from gongkai.letters.render import Letter, Paragraph, Table, render_docx, render_pdf
from gongkai.letters.tests.test_seal import _png

LETTER = Letter(title="政府信息公开申请答复书", body=(Paragraph("经审查，现答复如下。"),), recipient="张三",
                signature_org="测试局")


@pytest.mark.parametrize("title", ["关于政务公开检查情况的通报\ufffe", "答复书\x0b", "关于" + "政务公开" * 70 + "的通报"])
def test_the_docx_of_a_title_with_an_xml_illegal_character_or_over_255_characters_opens(title):
    """The body's title dropped such characters, the file's 标题 property (Word's 属性) did not: a 500."""
    document = docx.Document(io.BytesIO(render_docx(Letter(title=title, body=LETTER.body))))
    assert len(document.core_properties.title) <= 255
    assert "\ufffe" not in document.core_properties.title and "\x0b" not in document.core_properties.title
    assert "答复" in document.core_properties.title or "关于" in document.core_properties.title


def test_the_pdf_drops_what_the_docx_drops():
    """A vertical tab printed as an empty box, a lone surrogate (from an in-memory import) was a 500."""
    letter = Letter(title="答复书", body=(Paragraph("经审查\x0b，现答复如下\ud800。"), Table(("事项",), (("第一项\x1b",),))),
                    recipient="张三\ufffe", signature_org="测试局")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(letter))).pages)
    assert "经审查，现答复如下。" in text.replace(" ", "").replace("\n", "")
    assert not any(ch in text for ch in "\x0b\x1b\ufffe")


@pytest.mark.django_db
def test_a_seal_whose_file_is_gone_leaves_the_letter_unsealed_not_a_server_error(client, org, org_admin, editor):
    seal = seals.upload_seal(org_admin, org, _png())
    seal.image.storage.delete(seal.image.name)  # a restore without the files, a disk error
    document = services.issue(editor, org, "requests.correction", LETTER, "测信补")
    assert document.doc_number.startswith("测信补〔")
    from gongkai.audit.models import AuditEvent

    assert AuditEvent.objects.get(action="letter.issue").changes["sealed"] == [None, False]
    client.force_login(org_admin)
    page = client.get(reverse("requests:seal") + f"?org={org.pk}")
    assert page.status_code == 200
    assert "印章图片的文件已缺失" in page.content.decode()


def test_a_200_character_title_is_broken_at_once():
    """title_lines scored every way of breaking a title: a 通报 title of 200 characters (allowed) hung the worker."""
    import signal
    import time

    from gongkai.letters.text import text_width, title_lines

    def stop(*_args):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        start = time.monotonic()
        lines = title_lines("关于" + "开展政务公开检查" * 24 + "的通报")
    finally:
        signal.alarm(0)
    assert time.monotonic() - start < 20 and all(text_width(line) <= 20 for line in lines)
    assert "".join(lines) == "关于" + "开展政务公开检查" * 24 + "的通报"
