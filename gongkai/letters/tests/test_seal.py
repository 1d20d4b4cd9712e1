"""The seal image: PNG checked by content, only on letters issued through the audited issue action."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.letters import seals, services
from gongkai.letters.render import Letter, Paragraph, render_pdf

pytestmark = pytest.mark.django_db


def _png(size=(300, 300), fmt="PNG", name="seal.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    for x in range(size[0]):
        image.putpixel((x, size[1] // 2), (200, 0, 0, 255))
    (image if fmt == "PNG" else image.convert("RGB")).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _images(pdf_bytes: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


LETTER = Letter(title="政府信息公开申请答复书", body=(Paragraph("经审查，现答复如下。"),), recipient="张三",
                signature_org="测试局")


def test_only_issued_letters_carry_the_seal(org, org_admin, editor):
    seals.upload_seal(org_admin, org, _png())
    assert AuditEvent.objects.filter(action="seal.upload", organization=org).count() == 1
    assert _images(render_pdf(LETTER)) == 0  # a preview or draft rendering has no seal
    document = services.issue(editor, org, "requests.correction", LETTER, "测信补")
    with document.pdf.open("rb") as handle:
        assert _images(handle.read()) == 1
    assert AuditEvent.objects.get(action="letter.issue").changes["sealed"] == [None, True]
    seals.remove_seal(org_admin, org)
    again = services.issue(editor, org, "requests.correction", LETTER, "测信补")
    with again.pdf.open("rb") as handle:
        assert _images(handle.read()) == 0


def test_anything_but_a_sound_png_is_refused(org, org_admin, editor):
    with pytest.raises(ActionRefused, match="PNG"):
        seals.upload_seal(org_admin, org, _png(fmt="JPEG", name="seal.jpg"))
    with pytest.raises(ActionRefused, match="内容与扩展名不符"):
        seals.upload_seal(org_admin, org, SimpleUploadedFile("seal.png", b"%PDF-1.4\n" + b"0" * 100))
    with pytest.raises(ActionRefused, match="已损坏"):
        seals.upload_seal(org_admin, org, SimpleUploadedFile("seal.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100))
    with pytest.raises(ActionRefused, match="边长"):
        seals.upload_seal(org_admin, org, _png(size=(50, 50)))
    with pytest.raises(ActionRefused, match="单位管理员"):
        seals.upload_seal(editor, org, _png())
    assert seals.seal_of(org) is None


def test_the_seal_page_uploads_and_says_it_is_an_image(client, org, org_admin, editor):
    url = reverse("requests:seal") + f"?org={org.pk}"
    client.force_login(org_admin)
    page = client.get(url).content.decode()
    assert "GB/T 38540" in page and "不是" in page
    response = client.post(url, {"image": _png()})
    assert response.status_code == 302 and seals.seal_of(org) is not None
    assert client.post(url, {"image": SimpleUploadedFile("x.png", b"not a png")}).status_code == 400
    client.force_login(editor)
    assert client.get(url).status_code == 403
