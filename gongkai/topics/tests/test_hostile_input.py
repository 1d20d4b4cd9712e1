"""专题 against hostile input: control and bidi characters, the audit of units and sub-columns, the banner
(size, type by content, the replaced file), the public 竞技场, races, the notices column, several units."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.query import QuerySet
from django.urls import reverse
from PIL import Image

from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import ensure_catalog
from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import ItemFactory, published_item
from gongkai.topics import services
from gongkai.topics.models import Column, Submission, Topic


@pytest.fixture
def topic(county, unit):
    return services.create_topic(county.supervisor, county.root, {"title": "疫情防控", "slug": "yqfk"},
                                 [("防控措施", [])], [unit["org"]])


def image(kind: str, name: str, size=(8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize("text", ["专题\x01", "专题\x1b", "专题\u202e", "\u2066专题"])
def test_control_and_bidi_characters_are_refused(county, unit, topic, client, text):
    supervisor = county.supervisor
    with pytest.raises(ActionRefused, match="控制字符"):
        services.create_topic(supervisor, county.root, {"title": text, "slug": "x1"})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_column(supervisor, topic, text)
    column = topic.columns.get()
    item = published_item(unit["org"], unit["editor"], unit["reviewer"])
    with pytest.raises(ActionRefused, match="控制字符"):
        services.submit(unit["editor"], column, item, note=text)
    with pytest.raises(ActionRefused, match="控制字符"):
        services.submit_new_draft(unit["editor"], column, unit["org"], text, "")
    client.force_login(supervisor)
    response = client.post(reverse("topics_staff:topic_create"), {"title": text, "slug": "x2", "sort_order": 1})
    assert response.status_code == 400 and "“专题名称”不能包含控制字符" in response.content.decode()
    client.force_login(unit["editor"])
    response = client.post(reverse("topics_staff:submit", args=[column.pk]), {"title": "标题", "note": text})
    assert response.status_code == 400 and "“报送说明”不能包含控制字符" in response.content.decode()
    assert not Topic.objects.exclude(pk=topic.pk).exists() and not Submission.objects.exists()


def test_units_and_columns_are_audited(county, unit, topic):
    created = AuditEvent.objects.get(action="topics.create")
    assert "防控措施" in str(created.changes) and unit["org"].name in str(created.changes)
    other = county.orgs["czj"]
    services.update_topic(county.supervisor, topic, {"title": "疫情防控", "slug": "yqfk"}, [other])
    updated = AuditEvent.objects.get(action="topics.update")
    assert unit["org"].name in str(updated.changes) and other.name in str(updated.changes)


def test_the_banner_is_limited_and_typed_by_content(county, topic, client):
    supervisor = county.supervisor
    with pytest.raises(ActionRefused, match="不超过2 MB的PNG或JPEG"):
        services.set_banner(supervisor, topic, image("GIF", "g.jpg"), "横幅")
    big = SimpleUploadedFile("big.png", image("PNG", "x.png").read() + b"\0" * (3 * 1024 * 1024))
    with pytest.raises(ActionRefused, match="不超过2 MB的PNG或JPEG"):
        services.set_banner(supervisor, topic, big, "横幅")
    services.set_banner(supervisor, topic, image("PNG", "first.jpg"), "横幅")
    topic.refresh_from_db()
    first = topic.banner.name
    assert first.endswith(".png")
    response = client.get(reverse("topics:banner", args=["yqfk"]))
    assert response["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(action="topics.banner").count() == 1


def test_a_banner_stored_under_a_wrong_name_is_served_as_what_it_is(county, topic, client):
    services.set_banner(county.supervisor, topic, image("PNG", "a.png"), "横幅")
    topic.refresh_from_db()
    with topic.banner.storage.open(topic.banner.name, "wb") as handle:  # a GIF kept from before, named .png
        handle.write(image("GIF", "g.gif").read())
    assert client.get(reverse("topics:banner", args=["yqfk"]))["Content-Type"] == "image/gif"


@pytest.mark.django_db(transaction=True)
def test_the_replaced_banner_file_is_deleted(county, topic):
    services.set_banner(county.supervisor, topic, image("PNG", "a.png"), "横幅")
    topic.refresh_from_db()
    first, storage = topic.banner.name, topic.banner.storage
    services.set_banner(county.supervisor, topic, image("JPEG", "b.jpg"), "横幅")
    assert not storage.exists(first)


def test_the_public_arena_counts_only_what_the_public_can_see(county, unit, topic, client):
    action = services.ensure_action_topic(county.root)
    exchange = action.columns.get(key="exchange")
    draft = ItemFactory(organization=unit["org"])
    services.adopt(county.supervisor, services.submit(unit["editor"], exchange, draft))
    hidden = services.create_topic(county.supervisor, county.root, {"title": "内部专题", "slug": "nb", "is_public": False},
                                   [("内部", [])], [unit["org"]])
    item = published_item(unit["org"], unit["editor"], unit["reviewer"])
    services.adopt(county.supervisor, services.submit(unit["editor"], hidden.columns.get(), item))
    year = dt.date.today().year
    assert services.arena(year) == [{"organization": unit["org"], "submitted": 2, "adopted": 2}]
    assert services.arena(year, public=True) == [{"organization": unit["org"], "submitted": 1, "adopted": 0}]


def test_a_concurrent_topic_with_the_same_slug_is_a_refusal(county, topic, monkeypatch):
    real_exists = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is Topic else real_exists(qs))
    with pytest.raises(ActionRefused, match="已被使用"):
        services.create_topic(county.supervisor, county.root, {"title": "另一个", "slug": "yqfk"})


def test_the_notices_column_is_not_offered_to_a_unit(county, unit, client):
    notices = services.ensure_action_topic(county.root).columns.get(key="notices")
    client.force_login(unit["editor"])
    assert client.get(reverse("topics_staff:submit", args=[notices.pk])).status_code == 404


def test_a_user_of_several_units_chooses_the_unit(county, unit, topic, client):
    second = county.orgs["czj"]
    ensure_catalog(second)
    services.update_topic(county.supervisor, topic, {"title": "疫情防控", "slug": "yqfk"}, [unit["org"], second])
    user = unit["editor"]
    from gongkai.accounts.models import Membership

    Membership.objects.create(user=user, organization=second, role=Role.EDITOR)
    column = Column.objects.get(topic=topic)
    client.force_login(user)
    page = client.get(reverse("topics_staff:submit", args=[column.pk])).content.decode()
    assert second.name in page and 'name="unit"' in page
    url = reverse("topics_staff:submit", args=[column.pk]) + f"?unit={second.pk}"
    from gongkai.requests.spam import new_staff_token

    response = client.post(url, {"title": "财政局稿件", "form_token": new_staff_token()})
    assert response.status_code == 302
    assert Submission.objects.get().organization == second
