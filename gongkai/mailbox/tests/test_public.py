"""Publication without personal data (page, list, API, feed, search, home panel, logs), the writer's
lookup and rating with the query code, the public figures and the 「政民互动」 column."""

import datetime as dt
import logging
import re

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.mailbox import services
from gongkai.mailbox.models import MessageEvent

pytestmark = pytest.mark.django_db
NAME, PHONE = "王小明", "13953300001"
REPLY = "您好！城区小学招生划片范围将于5月下旬公布。"


@pytest.fixture
def published(unit, editor, form_data):
    submitted = services.submit_online(unit, {**form_data, "name": NAME, "contact": PHONE}, today=dt.date(2026, 3, 2))
    message = services.reply(editor, submitted.message, REPLY, today=dt.date(2026, 3, 4))
    services.set_published(editor, message, True)
    return submitted


def test_published_answers_carry_no_personal_data_anywhere(client, published, caplog):
    caplog.set_level(logging.DEBUG)
    message = published.message
    pages = {
        "detail": client.get(reverse("mailbox:detail", args=[message.pk])),
        "list": client.get(reverse("mailbox:list")),
        "column": client.get(reverse("mailbox:column")),
        "feed": client.get(reverse("mailbox:feed")),
        "api": client.get("/api/v1/messages"),
        "api_one": client.get(f"/api/v1/messages/{message.pk}"),
        "search": client.get(reverse("search:results"), {"q": "招生划片"}),
        "home": client.get(reverse("portal:home")),
        "suggest": client.get(reverse("mailbox:suggest"), {"q": "招生划片"}),
    }
    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        assert NAME not in body and PHONE not in body and message.tracking_number not in body, name
    assert REPLY in pages["detail"].content.decode() and "城区小学招生划片" in pages["list"].content.decode()
    assert "城区小学招生划片" in pages["feed"].content.decode() and "城区小学招生划片" in pages["search"].content.decode()
    assert "政民互动：最新答复" in pages["home"].content.decode()
    item = pages["api"].json()["results"][0]
    assert set(item) == {"id", "type", "type_label", "unit", "unit_id", "asked_on", "answered_on", "subject",
                         "question", "answer", "rating", "url"}
    assert item["asked_on"] == "2026-03-02" and item["answered_on"] == "2026-03-04" and item["answer"] == REPLY
    assert "/messages" in client.get("/api/v1/openapi.json").content.decode()
    assert NAME not in caplog.text and PHONE not in caplog.text
    for event in AuditEvent.objects.all():
        assert NAME not in str(event.changes) and PHONE not in str(event.changes)


def test_unpublished_and_open_messages_stay_out(client, unit, form_data):
    message = services.submit_online(unit, form_data).message
    assert client.get(reverse("mailbox:detail", args=[message.pk])).status_code == 404
    assert client.get(f"/api/v1/messages/{message.pk}").status_code == 404
    assert client.get("/api/v1/messages").json()["count"] == 0


def test_the_writer_finds_the_reply_with_the_code_and_rates_it_once(client, published):
    message = published.message
    wrong = client.post(reverse("mailbox:lookup"), {"tracking_number": message.tracking_number, "query_code": "AAAA"})
    assert wrong.status_code == 404 and "没有找到与这个留言编号和查询码相符的留言" in wrong.content.decode()
    assert client.post(reverse("mailbox:rate"), {"rating": "satisfied"}).status_code == 404  # no code, no rating
    found = client.post(reverse("mailbox:lookup"), {"tracking_number": message.tracking_number.lower(),
                                                   "query_code": published.query_code.lower()})
    assert found.status_code == 302
    page = client.get(reverse("mailbox:mine")).content.decode()
    assert REPLY in page and "请对答复作出评价" in page
    client.post(reverse("mailbox:rate"), {"rating": "basically", "comment": "答复及时"})
    message.refresh_from_db()
    assert message.rating == "basically" and message.rating_comment == "答复及时"
    client.post(reverse("mailbox:rate"), {"rating": "unsatisfied"})
    message.refresh_from_db()
    assert message.rating == "basically"
    assert "基本满意" in client.get(reverse("mailbox:detail", args=[message.pk])).content.decode()


def test_the_writers_timeline_reads_right_in_english(client, published):
    message = published.message
    MessageEvent.objects.create(message=message, type=MessageEvent.Type.ACCEPTED, to_organization=message.organization)
    client.post(reverse("mailbox:lookup"), {"tracking_number": message.tracking_number,
                                           "query_code": published.query_code})
    chinese = client.get(reverse("mailbox:mine")).content.decode()
    assert f"受理：{message.organization.name}" in chinese
    english = client.get("/en" + reverse("mailbox:mine")).content.decode()
    timeline = english[english.index('<ol class="timeline">'):english.index("</ol>", english.index("timeline"))]
    assert f"Accepted: {message.organization.name}" in timeline and "：" not in timeline


def test_a_refused_rating_keeps_the_comment_and_says_what_is_wrong(client, published):
    message = published.message
    client.post(reverse("mailbox:lookup"), {"tracking_number": message.tracking_number,
                                           "query_code": published.query_code})
    comment = "答复内容与我反映的情况不符。" * 44  # 616 characters, past the 500 allowed
    too_long = client.post(reverse("mailbox:rate"), {"rating": "unsatisfied", "comment": comment})
    page = too_long.content.decode()
    assert too_long.status_code == 400 and f"评价意见不能超过500字（现为{len(comment)}字）" in page
    assert comment in page and re.search(r'value="unsatisfied"[^>]*checked', page)
    unchosen = client.post(reverse("mailbox:rate"), {"comment": "答复及时"}).content.decode()
    assert "请选择评价结果" in unchosen and "答复及时" in unchosen
    message.refresh_from_db()
    assert message.rating == ""


def test_figures_per_unit_and_month(client, unit, other_unit, editor, form_data):
    on_time = services.submit_online(unit, form_data, today=dt.date(2026, 3, 2)).message
    services.reply(editor, on_time, REPLY, today=dt.date(2026, 3, 4))  # 2 working days
    late = services.submit_online(unit, form_data, today=dt.date(2026, 3, 2)).message
    services.reply(editor, late, REPLY, today=dt.date(2026, 3, 16))  # after the 5 working days, 10 days
    services.rate(on_time, "satisfied")
    services.rate(late, "unsatisfied")
    services.submit_online(other_unit, form_data, today=dt.date(2026, 4, 1))
    page = client.get(reverse("mailbox:stats"), {"year": 2026, "month": 3})
    rows = page.context["rows"]
    assert [org for org, _f in rows] == [unit]
    figures = rows[0][1]
    assert (figures.received, figures.answered, figures.on_time_rate, figures.average_days,
            figures.satisfaction_rate) == (2, 2, 50.0, 6.0, 50.0)
    html = page.content.decode()
    assert "50.0%" in html and "测试县教育和体育局" in html
    whole_year = client.get(reverse("mailbox:stats"), {"year": 2026}).context["total"]
    assert whole_year.received == 3 and whole_year.open == 1
    assert client.get(reverse("mailbox:stats"), {"year": "x"}).status_code == 200


def test_the_column_links_the_other_interaction_sections_only_when_they_exist(client, db):
    html = client.get(reverse("mailbox:column")).content.decode()
    assert reverse("mailbox:index") in html and reverse("mailbox:faq") in html
    assert "政民互动" in client.get(reverse("portal:home")).content.decode()  # the main navigation entry
