"""A button and an audit label with the same Chinese words (「新建清单」) each read right in English: the
label is translated in its "audit action" context, the button without one."""

from django.urls import reverse
from django.utils import translation

from gongkai.audit.labels import action_label


def test_the_new_list_button_and_the_audit_log_entry_of_the_same_words_read_differently(client, unit):
    client.force_login(unit["editor"])
    with translation.override("en"):
        page = client.get(reverse("lists_staff:index")).content.decode()
        label = action_label("lists.create_list")
    assert ">New list</a>" in page and "List created" not in page
    assert label == "List created"
    assert action_label("lists.create_list") == "新建清单"

