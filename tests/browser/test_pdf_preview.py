"""PDF attachments preview in the page with pdf.js (served locally); nothing in the document runs."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from gongkai.publishing import services
from gongkai.publishing.tests.samples import pdf_with_text
from tests.browser.a11y import describe
from tests.browser.data import build_county, publish
from tests.browser.test_staff_writing import shoot

pytestmark = pytest.mark.browser


def scripted_pdf() -> bytes:
    """A three-page PDF whose OpenAction is JavaScript that would change the page title if it ran."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text(*["附件正文。"] * 60))))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('pdf script ran'); this.title = 'pwned';"),
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_attachment_is_previewed_in_the_page_and_its_script_never_runs(page, axe):
    county = build_county()
    item = publish(county, "关于下达2020年专项资金的通知")
    services.add_attachment(county.reviewer, item, SimpleUploadedFile("资金分配表.pdf", scripted_pdf(),
                                                                      content_type="application/pdf"))
    dialogs, failed = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(reverse("portal:item", args=[item.id]))
    expect(page.get_by_role("link", name="资金分配表.pdf")).to_be_visible()  # the download stays
    page.get_by_text("在线预览 资金分配表.pdf").click()
    expect(page.get_by_role("img", name="第 1 页")).to_be_visible()
    expect(page.get_by_text("共 3 页。")).to_be_visible()
    expect(page.get_by_role("img", name="第 2 页")).to_be_visible()
    drawn = page.evaluate("""() => {
        const canvas = document.querySelector('.pdf-preview-pages canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) { if (data[i] < 128) dark += 1; }
        return dark;
    }""")
    assert drawn > 100  # the text was drawn, not an empty canvas
    assert dialogs == [] and page.title() != "pwned"
    assert not [url for url in failed if "/static/" in url]
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    assert all(src.startswith(page.url.split("/xxgk")[0]) for src in scripts if src)  # nothing from a CDN
    shoot(page, "pdf-preview")
    violations = axe(page)
    assert not violations, describe(violations)
