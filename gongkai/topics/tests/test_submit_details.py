"""稿件报送 details a unit notices: a double-click on 报送, the 正文 of a new draft, the sub-column form's reasons."""

import pytest
from django.db.models.query import QuerySet
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem
from gongkai.requests.spam import new_staff_token
from gongkai.topics import services
from gongkai.topics.models import Submission
from gongkai.topics.tests.test_hostile_input import topic  # noqa: F401  (fixture)


def test_a_concurrent_second_submit_of_the_same_item_is_a_refusal_not_an_error(county, unit, topic, monkeypatch):  # noqa: F811
    column = topic.columns.get()
    item = published_item(unit["org"], unit["editor"], unit["reviewer"])
    services.submit(unit["editor"], column, item)
    # The second request of a double-click looked before the first one's row was committed.
    real_first = QuerySet.first
    monkeypatch.setattr(QuerySet, "first", lambda qs: None if qs.model is Submission else real_first(qs))
    with pytest.raises(ActionRefused, match="未再次报送"):
        services.submit(unit["editor"], column, item)
    assert Submission.objects.count() == 1


def test_a_new_drafts_text_keeps_its_paragraphs_and_shows_markup_as_typed(county, unit, topic, client):  # noqa: F811
    column = topic.columns.get()
    client.force_login(unit["editor"])
    response = client.post(reverse("topics_staff:submit", args=[column.pk]),
                           {"title": "我局开展疫情防控检查", "body": "第一段。\r\n\r\n第二段<b>重点</b>。", "note": "",
                            "form_token": new_staff_token()})
    assert response.status_code == 302
    item = InformationItem.objects.get(title="我局开展疫情防控检查")
    assert item.body == "<p>第一段。</p><p>第二段&lt;b&gt;重点&lt;/b&gt;。</p>"


@pytest.mark.parametrize(("name", "message"), [("防控\x1b措施", "“子栏目名称”不能包含控制字符"),
                                               ("", "请填写子栏目名称（60字以内）"),
                                               ("栏" * 61, "请填写子栏目名称（60字以内）")])
def test_the_sub_column_form_says_what_is_wrong(county, topic, client, name, message):  # noqa: F811
    client.force_login(county.supervisor)
    response = client.post(reverse("topics_staff:column_add", args=[topic.pk]), {"name": name}, follow=True)
    assert message in response.content.decode()
    assert topic.columns.count() == 1


def _landmark_names(html: str) -> list[str]:
    """The aria-labelledby of every named region (a <section> or role="region" with a name)."""
    import re

    return re.findall(r'<(?:section|div)[^>]*?(?:role="region"[^>]*?)?aria-labelledby="([^"]+)"', html)


def test_no_two_regions_of_the_staff_pages_share_a_name(county, unit, topic, client):  # noqa: F811
    """axe's landmark-unique: the 稿件 section and its table's scroll region were both named by one heading."""
    item = published_item(unit["org"], unit["editor"], unit["reviewer"])
    services.submit(unit["editor"], topic.columns.get(), item)
    client.force_login(county.supervisor)
    pages = [client.get(reverse("topics_staff:topic", args=[topic.pk])).content.decode()]
    client.force_login(unit["editor"])
    pages.append(client.get(reverse("topics_staff:index")).content.decode())
    for html in pages:
        names = _landmark_names(html)
        assert names and len(names) == len(set(names)), names


def test_a_double_click_on_submitting_a_new_draft_drafts_one_item(county, unit, topic, client):  # noqa: F811
    column = topic.columns.get()
    client.force_login(unit["editor"])
    url = reverse("topics_staff:submit", args=[column.pk])
    page = client.get(url).content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    data = {"title": "我局开展疫情防控检查", "body": "正文", "note": "", "form_token": token}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert "未再次起草" in response.content.decode()
    assert InformationItem.objects.filter(title="我局开展疫情防控检查").count() == 1
    assert Submission.objects.count() == 1
    forged = client.post(url, dict(data, title="另一篇", form_token="forged"))
    assert forged.status_code == 400 and "表单已失效" in forged.content.decode()
    assert not InformationItem.objects.filter(title="另一篇").exists()
