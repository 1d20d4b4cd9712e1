"""The messages after a staff action on a case are in the language of the page (they were fixed in Chinese
when the module was imported)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.requests.choices import State
from gongkai.requests.factories import received_case

pytestmark = pytest.mark.django_db


def _post(client, name, case, data):
    with translation.override("en"):
        return client.post(reverse(f"requests:{name}", kwargs={"case_id": case.pk}), data, follow=True)


def test_an_english_staff_page_says_what_was_done_in_english(client, org, editor):
    case = received_case(org, dt.date(2020, 3, 2), state=State.PENDING)
    case.clock_events.all().delete()
    case.received_on = None
    case.save()
    client.force_login(editor)
    page = client.post(reverse("requests:confirm", kwargs={"case_id": case.pk}),  # the views imported in Chinese
                       {"on": "2020-03-02", "method": "phone", "note": "电话确认"}, follow=True).content.decode()
    assert "已确认受理，收到申请日期已记录。" in page
    page = _post(client, "start", case, {}).content.decode()
    assert "Handling started." in page and "已开始办理。" not in page


@pytest.mark.parametrize("received, article", [("2020-03-02", "Article 33(2)"), ("2019-03-01", "Article 24(2)")])
def test_the_english_case_page_cites_the_article_in_english(client, org, editor, received, article):
    """The extension panel and the reply clock's explanation cited 「Regulations 第三十三条第二款」 on /en/."""
    case = received_case(org, dt.date.fromisoformat(received), state=State.PROCESSING)
    client.force_login(editor)
    with translation.override("en"):
        page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert article in page
    assert "第三十三条第二款" not in page and "第二十四条第二款" not in page


def test_the_english_calculation_writes_its_dates_in_english(client, org, editor):
    """The reply clock's explanation on /en/ read 「Request received on 2020年3月2日」."""
    case = received_case(org, dt.date(2020, 3, 2), state=State.PROCESSING)
    client.force_login(editor)
    with translation.override("en"):
        page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Request received on 2020-03-02" in page and "2020年3月2日" not in page
    page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "收到申请之日：2020年3月2日" in page
