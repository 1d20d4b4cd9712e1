"""ID and mobile numbers a writer (or a unit) typed into a published message's subject, content or reply
are masked in every public output (mailbox/public.py): the page, the list, the column, the feed, the
open API, the search results, the home panel, the suggestions, and a 常见问题 entry started from it."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.mailbox import services
from gongkai.mailbox.public import public_text

pytestmark = pytest.mark.django_db
ID, MOBILE, OTHER = "370323199001011234", "13812345678", "13900001111"
ID_MASKED, MOBILE_MASKED, OTHER_MASKED = "3703**********1234", "138****5678", "139****1111"
SUBJECT = f"供暖何时开始请回电{MOBILE}"
CONTENT = f"我叫张三，身份证{ID}，电话{MOBILE}，城区供暖何时开始？"
REPLY = f"您好！今年城区集中供暖于11月15日开始，如有问题请拨打热力公司{OTHER}。"


@pytest.fixture
def message(unit, editor, form_data):
    submitted = services.submit_online(unit, {**form_data, "subject": SUBJECT, "content": CONTENT},
                                       today=dt.date(2026, 3, 2))
    answered = services.reply(editor, submitted.message, REPLY, today=dt.date(2026, 3, 4))
    return services.set_published(editor, answered, True)


def _unmasked(body: str) -> list[str]:
    return [number for number in (ID, MOBILE, OTHER) if number in body]


def test_the_public_text_masks_subject_content_and_reply(message):
    text = public_text(message)
    assert text.subject == f"供暖何时开始请回电{MOBILE_MASKED}"
    assert text.content == f"我叫张三，身份证{ID_MASKED}，电话{MOBILE_MASKED}，城区供暖何时开始？"
    assert text.reply == f"您好！今年城区集中供暖于11月15日开始，如有问题请拨打热力公司{OTHER_MASKED}。"
    assert message.subject == SUBJECT  # the stored text keeps what was typed


CHANNELS = {
    "detail": lambda m: (reverse("mailbox:detail", args=[m.pk]), {}),
    "list": lambda m: (reverse("mailbox:list"), {}),
    "list_search": lambda m: (reverse("mailbox:list"), {"q": "供暖"}),
    "column": lambda m: (reverse("mailbox:column"), {}),
    "feed": lambda m: (reverse("mailbox:feed"), {}),
    "api": lambda m: ("/api/v1/messages", {}),
    "api_one": lambda m: (f"/api/v1/messages/{m.pk}", {}),
    "search": lambda m: (reverse("search:results"), {"q": "供暖"}),
    "home": lambda m: (reverse("portal:home"), {}),
    "suggest": lambda m: (reverse("mailbox:suggest"), {"q": "供暖何时开始"}),
    "write": lambda m: (reverse("mailbox:write"), {"subject": "供暖何时开始"}),
}


@pytest.mark.parametrize("channel", list(CHANNELS))
def test_every_public_output_shows_the_numbers_masked(client, message, channel):
    url, params = CHANNELS[channel](message)
    response = client.get(url, params)
    body = response.content.decode()
    assert response.status_code == 200
    assert MOBILE_MASKED in body  # the message is there, its subject masked
    assert _unmasked(body) == []
    if channel in ("detail", "feed", "api_one"):  # the question and the reply in full
        assert ID_MASKED in body and OTHER_MASKED in body


def test_the_api_gives_each_text_masked(client, message):
    item = client.get(f"/api/v1/messages/{message.pk}").json()
    assert item["subject"] == f"供暖何时开始请回电{MOBILE_MASKED}"
    assert item["question"] == public_text(message).content and item["answer"] == public_text(message).reply


@pytest.mark.parametrize("number", [ID, MOBILE, OTHER])
def test_a_number_typed_in_full_finds_nothing(client, message, number):
    """Searching for a person's number must not tell which published message holds it."""
    search = client.get(reverse("search:results"), {"q": number}).content.decode()
    assert reverse("mailbox:detail", args=[message.pk]) not in search
    listing = client.get(reverse("mailbox:list"), {"q": number}).content.decode()
    assert reverse("mailbox:detail", args=[message.pk]) not in listing
    # What the public does read still finds it.
    for shown in ("城区供暖", "5678"):
        listing = client.get(reverse("mailbox:list"), {"q": shown}).content.decode()
        assert reverse("mailbox:detail", args=[message.pk]) in listing, shown


def test_a_faq_entry_started_from_a_message_starts_masked(client, editor, message):
    client.force_login(editor)
    page = client.get(reverse("mailbox_staff:faq_new"), {"from": message.pk}).content.decode()
    assert MOBILE_MASKED in page and OTHER_MASKED in page and _unmasked(page) == []


def test_the_suggestions_do_not_rank_by_a_number_typed_in_full(client, unit, editor, form_data):
    """Two published messages that read the same to the public (their ID numbers differ only in the
    masked digits) come in the same order whichever full number is typed."""
    first, second = "370323199001011234", "370323198505051234"
    for number in (first, second):
        submitted = services.submit_online(unit, {**form_data, "subject": "供暖开始时间",
                                                  "content": f"身份证{number}，城区供暖何时开始？"},
                                           today=dt.date(2026, 3, 2))
        services.set_published(editor, services.reply(editor, submitted.message, "城区集中供暖于11月15日开始。",
                                                      today=dt.date(2026, 3, 4)), True)

    def order(number):
        return [m["url"] for m in client.get(reverse("mailbox:suggest"), {"q": number}).json()["messages"]]

    assert len(order(first)) == 2 and order(first) == order(second)


def test_numbers_typed_in_full_width_digits_are_masked_in_public(client, unit, editor, form_data):
    """A writer whose input method is in full-width mode types １３８１２３４５６７８: still their number."""
    wide = MOBILE.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    submitted = services.submit_online(unit, {**form_data, "subject": "供暖何时开始",
                                              "content": f"我的电话{wide}，城区供暖何时开始？"},
                                       today=dt.date(2026, 3, 2))
    message = services.set_published(editor, services.reply(editor, submitted.message, REPLY,
                                                            today=dt.date(2026, 3, 4)), True)
    for url in (reverse("mailbox:detail", args=[message.pk]), reverse("mailbox:feed")):
        body = client.get(url).content.decode()
        assert "我的电话" in body and wide not in body, url
        assert "１３８****５６７８" in body, url
    assert client.get(f"/api/v1/messages/{message.pk}").json()["question"] == "我的电话１３８****５６７８，城区供暖何时开始？"
