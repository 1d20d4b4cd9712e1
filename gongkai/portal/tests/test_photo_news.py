"""图片新闻 on the home page: items of the news node that carry a photo, shown as pictures with captions
(nothing rotates); the photo is served in the page only while public and only if its bytes are an image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongkai.catalog.services import node_by_key
from gongkai.portal.models import SiteProfile
from gongkai.publishing import services
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), "#6f9a5b").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def profile(org):
    return SiteProfile.objects.create(name="测试县人民政府", root_organization=org)


def test_news_with_a_photo_appear_as_pictures_and_the_photo_is_served_inline(client, profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    pictured = published_item(org, editor, reviewer, title="县政府召开春季植树造林现场会", nodes=[news])
    services.add_attachment(reviewer, pictured, SimpleUploadedFile("现场.jpg", jpeg()))
    published_item(org, editor, reviewer, title="县政府召开安全生产工作会议", nodes=[news])  # no photo

    html = client.get(reverse("portal:home")).content.decode()
    grid = html[html.index('class="photo-grid"'):]
    grid = grid[:grid.index("</ul>")]
    assert "县政府召开春季植树造林现场会" in grid and "县政府召开安全生产工作会议" not in grid
    photo = pictured.attachments.get()
    assert reverse("portal:attachment_image", args=[photo.pk]) in grid

    response = client.get(reverse("portal:attachment_image", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.get("Content-Disposition", "inline").startswith("inline")  # shown, not downloaded
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_without_photos_the_module_is_hidden(client, profile, org, editor, reviewer):
    published_item(org, editor, reviewer, title="县政府召开安全生产工作会议", nodes=[node_by_key(org, "plan.news")])
    html = client.get(reverse("portal:home")).content.decode()
    assert ">图片新闻</h2>" not in html and "县政府召开安全生产工作会议" in html


def test_only_public_images_are_shown_inline(client, profile, org, editor, reviewer):
    item = published_item(org, editor, reviewer, title="关于公开测试信息的通知")
    pdf = services.add_attachment(reviewer, item, SimpleUploadedFile("附件.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert client.get(reverse("portal:attachment_image", args=[pdf.pk])).status_code == 404  # downloaded only
    draft = services.create_item(editor, org, {"title": "草稿", "formed_on": item.formed_on}, [node_by_key(org, "plan.news")])
    hidden = services.add_attachment(editor, draft, SimpleUploadedFile("草稿.jpg", jpeg()))
    assert client.get(reverse("portal:attachment_image", args=[hidden.pk])).status_code == 404
