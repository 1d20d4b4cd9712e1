"""Bidi embedding/override/isolate characters (U+202A–U+202E, U+2066–U+2069) in a title, a name, a 文号 or a
subject are refused by every form of the platform, on the field, with the plain-text message — not only by
the forms that ask (`refuse_bidi`). A title 「通知\u202e…」 would read as another title in every list, feed
and mail. Multi-line text and legitimate Chinese, English and Uyghur text pass."""

import pytest
from django import forms
from django.urls import reverse

from gongkai.core.forms import allow_bidi
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.publishing.factories import published_item

SPOOFED = ["关于开展工作的通知\u202efdp.exe", "\u2067源政办字〔2020〕1号", "沂源\u202a县\u202c", "测试\u2069"]
LEGITIMATE = ["关于开展2020年政务公开工作的通知", "Notice on Open Government Work 2020",
              "ئۇيغۇرچە خەۋەر", "沂源县 ئۇيغۇرچە mixed 123"]


class PlainForm(forms.Form):
    """A form with no mixin at all: what an app that forgets would write."""

    title = forms.CharField(label="标题", max_length=300)
    url = forms.URLField(label="网址", required=False, assume_scheme="https")
    text = forms.CharField(label="正文", required=False, widget=forms.Textarea)
    secret = forms.CharField(label="密码", required=False, widget=forms.PasswordInput)


@pytest.mark.parametrize("title", SPOOFED)
def test_a_single_line_field_of_any_form_refuses_bidi_controls_on_the_field(title):
    form = PlainForm({"title": title})
    assert not form.is_valid()
    assert form.errors["title"] == ["“标题”不能包含控制字符，请只填写文字。"]


def test_url_fields_and_a_widget_swapped_after_init_count_as_single_line():
    form = PlainForm({"title": "通知", "url": "https://example.cn/\u202etxt.exe"})
    assert not form.is_valid() and list(form.errors) == ["url"]
    form = PlainForm({"title": "通知", "text": "第一段\u202e"})
    form.fields["text"].widget = forms.TextInput()
    assert not form.is_valid() and list(form.errors) == ["text"]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_chinese_english_and_uyghur_text_passes(text):
    form = PlainForm({"title": text, "text": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == text


def test_a_field_its_service_normalizes_may_be_exempted():
    class QueryForm(forms.Form):
        q = allow_bidi(forms.CharField(required=False))

    assert QueryForm({"q": "通知\u202e"}).is_valid()


@pytest.mark.django_db
def test_the_site_search_takes_a_query_with_bidi_characters_without_an_ignored_notice(client, org, editor, reviewer):
    """The search folds format characters to spaces itself (search/text.py): the query is searched, and the
    page does not say the keyword was ignored."""
    from gongkai.search import services

    services.index_items([published_item(org, editor, reviewer, title="关于城区供暖的通知").pk])
    page = client.get(reverse("search:results"), {"q": "供暖\u202e"}).content.decode()
    assert "已忽略" not in page and "共找到 1 条结果" in page


def test_multi_line_text_and_passwords_keep_bidi_characters():
    """A paragraph pasted from a right-to-left document may carry embeddings (an override ends with its
    paragraph); a password is never shown."""
    text = "\u202bئۇيغۇرچە خەۋەر\u202c\n第二段"
    form = PlainForm({"title": "通知", "text": text, "secret": "pa\u202ess"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == text


def test_rich_text_keeps_them_in_the_body_but_its_plain_text_drops_them():
    """nh3 lets bidi characters through (entity-encoded ones too): the page shows the body as typed; the
    text derived for summaries, search and feeds, where paragraphs run together, has none."""
    body = sanitize_html("<p>第一段\u202e甲乙</p><p title='a\u202eb'>第二段&#x2066;丙</p>")
    assert "\u202e" in body and "\u2066" in body
    assert html_to_text(body) == "第一段甲乙第二段丙"


# --- the forms of a few apps, which never asked for the check ----------------------------------------------


@pytest.mark.django_db
def test_the_item_editor_refuses_a_spoofed_title_and_doc_number(client, org, editor):
    from gongkai.catalog.services import node_by_key
    from gongkai.publishing.models import InformationItem

    client.force_login(editor)
    response = client.post(reverse("publishing:create"), {
        "organization": org.pk, "title": "关于开展工作的通知\u202e知通", "doc_number": "源政办字〔2020〕\u202e66号",
        "doc_type": "通知", "formed_on": "2020-08-10", "topic": "01", "disclosure_mode": "proactive",
        "summary": "第一段\u202bئۇيغۇرچە\u202c", "body": "<p>正文</p>",
        "catalog_nodes": [node_by_key(org, "plan.notices").pk]})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["“名称”不能包含控制字符，请只填写文字。"]
    assert errors["doc_number"] == ["“发文字号”不能包含控制字符，请只填写文字。"]
    assert "summary" not in errors  # multi-line
    assert "“名称”不能包含控制字符" in response.content.decode()
    assert not InformationItem.objects.exists()


@pytest.mark.django_db
def test_the_public_message_form_refuses_a_spoofed_subject_and_name(org):
    from gongkai.mailbox.forms import MessageFields

    form = MessageFields({"organization": org.pk, "kind": "consult", "subject": "城区供暖\u202e间时始开",
                          "content": "请问今年城区供暖什么时候开始？", "name": "张\u2066三"})
    assert not form.is_valid()
    assert form.errors["subject"] == ["“标题”不能包含控制字符，请只填写文字。"]
    assert form.errors["name"] == ["“姓名”不能包含控制字符，请只填写文字。"]
    assert "content" not in form.errors


@pytest.mark.django_db
def test_proposal_and_gazette_entry_forms_refuse_it_too(org):
    from gongkai.gazette.forms import EntryForm
    from gongkai.proposals.forms import ProposalForm

    proposal = ProposalForm({"year": 2020, "kind": "suggestion", "number": 1, "title": "关于\u202e建议",
                             "proposers": "张某某等5名代表", "lead_unit": org.pk, "assigned_on": "2020-03-01"})
    assert not proposal.is_valid()
    assert proposal.errors["title"] == ["“标题”不能包含控制字符，请只填写文字。"]
    entry = EntryForm({"title": "沂源县人民政府关于公布\u2068清理结果\u2069的通知", "body": "<p>正文</p>"})
    assert not entry.is_valid()
    assert entry.errors["title"] == ["“标题”不能包含控制字符，请只填写文字。"]



# --- keyword filters of lists: searched with the bidi characters dropped, never refused --------------------


@pytest.mark.django_db
@pytest.mark.parametrize("form_path, field", [
    ("gongkai.mailbox.forms.PublicFilter", "q"),
    ("gongkai.policies.forms.FinderForm", "q"),
    ("gongkai.publishing.forms.ItemFilterForm", "q"),
    ("gongkai.regulations.views_public.LibraryFilter", "q"),
    ("gongkai.workbench.audit_forms.EventFilterForm", "actor"),
])
def test_a_list_keyword_with_bidi_characters_filters_by_its_text(form_path, field):
    """A list's keyword is neither stored nor shown outside its box: refusing it made the form invalid, and
    the lists then dropped every filter (the public 留言 list showed all answers for 「供暖\u202e」, with no
    message) or showed none (信息管理)."""
    from django.utils.module_loading import import_string

    from gongkai.audit.models import AuditEvent
    from gongkai.regulations.models import NormativeDocument

    form_class = import_string(form_path)
    kwargs = {"LibraryFilter": {"documents": NormativeDocument.objects.none()},
              "EventFilterForm": {"events": AuditEvent.objects.none(), "organization_ids": []}}
    for typed in ("城区\u202e供暖\u2066", " \u2067 城区供暖 \u2069"):
        form = form_class({field: typed}, **kwargs.get(form_class.__name__, {}))
        assert form.is_valid(), form.errors
        assert form.cleaned_data[field] == "城区供暖"


@pytest.mark.django_db
def test_the_item_list_finds_an_item_by_a_keyword_with_a_bidi_character(client, org, editor, reviewer):
    item = published_item(org, editor, reviewer, title="关于城区供暖的通知")
    client.force_login(editor)
    response = client.get(reverse("publishing:list"), {"q": "供暖\u202e"})
    assert [i.pk for i in response.context["page"].object_list] == [item.pk]
