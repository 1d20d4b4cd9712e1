"""The public 专题 page shows each sub-column's newest 8 稿件 (and how many there are) and loads only those;
in English its tables name what each row is."""

import pytest
from django.urls import reverse

from gongkai.publishing.factories import published_item
from gongkai.topics import services
from gongkai.topics.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(county, unit):
    return services.create_topic(county.supervisor, county.root, {"title": "疫情防控", "slug": "yqfk"},
                                 [("防控措施", []), ("复工复产复学", [])], [unit["org"]])


def _adopt(county, unit, column, count, prefix):
    for n in range(count):
        item = published_item(unit["org"], unit["editor"], unit["reviewer"], title=f"{prefix}{n:02d}号")
        services.adopt(county.supervisor, services.submit(unit["editor"], column, item))


def test_the_topic_page_loads_only_the_submissions_it_shows(county, unit, topic, client, monkeypatch):
    busy, quiet = topic.columns.get(name="防控措施"), topic.columns.get(name="复工复产复学")
    _adopt(county, unit, busy, 11, "防控通告第")
    _adopt(county, unit, quiet, 2, "复工通知第")
    loaded = []
    real_from_db = Submission.from_db.__func__
    monkeypatch.setattr(Submission, "from_db",
                        classmethod(lambda cls, *args: loaded.append(1) or real_from_db(cls, *args)))
    page = client.get(reverse("topics:topic", args=["yqfk"])).content.decode()
    assert len(loaded) == 8 + 2  # not the 13 adopted
    # the newest eight of the busy sub-column, and a link to all eleven
    assert all(f"防控通告第{n:02d}号" in page for n in range(3, 11))
    assert "防控通告第02号" not in page and "复工通知第00号" in page
    assert "查看“防控措施”全部11条" in page and "复工复产复学”全部" not in page


def test_english_topic_tables_say_what_a_row_is(county, unit, topic, client):
    column = topic.columns.get(name="防控措施")
    item = published_item(unit["org"], unit["editor"], unit["reviewer"], title="防控通告")
    services.submit(unit["editor"], column, item)
    action = services.ensure_action_topic(county.root)
    staff_path, public_path = reverse("topics_staff:topic", args=[topic.pk]), reverse("topics:topic", args=[action.slug])
    client.force_login(county.supervisor)
    staff = client.get("/en" + staff_path).content.decode()
    assert '<th scope="col">Submission</th>' in staff and '<th scope="col">Sub-column</th>' in staff
    exchange = action.columns.get(key="exchange")
    shared = published_item(unit["org"], unit["editor"], unit["reviewer"], title="文旅局设立政务公开专区")
    services.adopt(county.supervisor, services.submit(unit["editor"], exchange, shared))
    public = client.get("/en" + public_path).content.decode()
    assert '<th scope="col">Submitted</th>' in public and '<th scope="col">Adopted</th>' in public
