"""One Chinese msgid, two apps, two English translations: Django shows the first app's everywhere. A new
clash fails here until the app that means something else gives its msgid a context (or it is allowed)."""

from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, pgettext

from gongkai.core.msgid_clashes import ALLOWED, find_clashes


def test_no_new_msgid_clash_between_the_apps_catalogs():
    clashes = find_clashes("en")
    assert sorted(set(clashes) - set(ALLOWED)) == []


def test_the_allow_list_names_only_clashes_that_still_exist_each_with_a_reason():
    clashes = find_clashes("en")
    assert sorted(set(ALLOWED) - set(clashes)) == []
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_words_that_meant_something_else_read_as_each_app_means_them():
    """regulations' 「事项」 ("Event") stood on the participation catalog, workbench's 「截止日期」 ("To date")
    on the consultation and survey pages, inspection's 「问题」 ("Problem") over the asked questions, the
    API guide's 「查询」 ("query") on the 依申请公开 lookup button."""
    with translation.override("en"):
        assert gettext("事项") == "Matters"
        assert pgettext("normative document event", "事项") == "Event"
        assert gettext("截止日期") == "Closes on"
        assert pgettext("date range", "截止日期") == "To date"
        assert pgettext("asked question", "问题") == "Question"
        assert gettext("问题") == "Problem"
        assert gettext("查询") == "Look up"
        assert pgettext("API parameter location", "查询") == "query"
        assert gettext("提交意见") != "Submit comment" and pgettext("public comment", "提交意见") == "Submit comment"


def test_the_command_lists_the_clashes(capsys):
    call_command("find_msgid_clashes")
    out = capsys.readouterr().out
    assert "「事项」 shows “Matters”" in out and "0 not in the allow-list." in out


def test_english_public_pages_read_each_apps_own_words(client, db):
    """The 依申请公开 lookup button read "query" (the API guide's parameter place); the API guide's place
    column still reads "query"/"In" in its own context."""
    from django.urls import reverse

    with translation.override("en"):
        lookup = client.get(reverse("requests_public:lookup")).content.decode()
        guide = client.get(reverse("api_guide:index")).content.decode()
    assert '<button type="submit">Look up</button>' in lookup
    assert ">query</td>" in guide and ">In</th>" in guide
