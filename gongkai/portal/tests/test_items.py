import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.portal.tests.helpers import PDF, approved, attach_pdf, draft, later, not_proactive, scheduled
from gongkai.portal.views.items import safe_content_type
from gongkai.publishing import services
from gongkai.publishing.choices import Topic, Validity
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import Attachment

pytestmark = pytest.mark.django_db


def publish(reviewer, item):
    return services.publish(reviewer, item)


@pytest.fixture
def regulation(org, editor, reviewer):
    item = approved(org, editor, reviewer, title="沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知",
                    node_key="art20.1", doc_number="源政办字〔2020〕66号", written_on=dt.date(2020, 8, 10),
                    topic=Topic.GENERAL, validity=Validity.VALID,
                    body='<p>各镇人民政府，各街道办事处。</p><img src="x" onerror="alert(1)">')
    return publish(reviewer, item)


def index_table(html: str) -> dict[str, str]:
    table = html.split('<table class="index-table index-grid">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td(?: colspan="3")?>(.*?)</td>', table)
    return {label: re.sub(r"<[^>]+>", "", value) for label, value in rows}


def test_item_page_shows_every_field_of_the_index_table(client, org, regulation):
    html = client.get(reverse("portal:item", args=[regulation.id])).content.decode()
    assert index_table(html) == {
        "索引号": regulation.index_no,
        "名称": "沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知",
        "发布机构": org.name,
        "成文日期": "2020-08-10",
        "发布日期": timezone.localtime(regulation.published_at).strftime("%Y-%m-%d"),
        "发文字号": "源政办字〔2020〕66号",
        "主题分类": "综合政务",
        "有效性": "有效",
        "主题词": "—",
    }
    assert "<caption>信息索引表</caption>" in html
    # A QR code of the page's address, drawn inline (no image request, no script).
    assert '<summary class="tool-button">手机扫码阅读</summary>' in html and "<svg" in html and "<title>本页二维码</title>" in html
    assert '<h1 id="item-title" class="item-title">沂源县人民政府办公室关于印发' in html
    assert "<p>各镇人民政府，各街道办事处。</p>" in html and "onerror" not in html
    assert f'href="{reverse("portal:item_print", args=[regulation.id])}"' in html
    assert '?font=l&amp;next=' in html  # the 字号 大/中/小 switch


def test_validity_row_appears_only_when_set(client, org, editor, reviewer):
    item = publish(reviewer, approved(org, editor, reviewer, title="工作动态一则"))
    table = index_table(client.get(reverse("portal:item", args=[item.id])).content.decode())
    assert "有效性" not in table and table["成文日期"] == "—" and table["发文字号"] == "—"


def test_withdrawn_item_stays_with_a_dated_notice_and_the_reason(client, org, reviewer, regulation):
    services.withdraw(reviewer, regulation, "该文件已被新文件替代")
    regulation.refresh_from_db()
    response = client.get(reverse("portal:item", args=[regulation.id]))
    assert response.status_code == 200
    html = response.content.decode()
    date = timezone.localtime(regulation.state_changed_at).strftime("%Y-%m-%d")
    assert f"该信息已于 {date} 撤回" in html
    assert "撤回原因：该文件已被新文件替代" in html
    assert html.index("notice-withdrawn") < html.index('class="index-table index-grid"')
    # Gone from the lists, still reachable by its address.
    node_page = client.get(reverse("portal:node", args=[org.id, node_by_key(org, "art20.1").id])).content.decode()
    assert reverse("portal:item", args=[regulation.id]) not in node_page


@pytest.mark.parametrize("state", ["draft", "submitted", "approved", "scheduled", "not_proactive", "deleted"])
def test_items_the_public_may_not_see_are_not_found(client, org, editor, reviewer, state):
    if state == "draft":
        item = draft(org, editor)
    elif state == "submitted":
        item = services.submit(editor, draft(org, editor))
    elif state == "approved":
        item = approved(org, editor, reviewer)
    elif state == "scheduled":
        item = scheduled(org, editor, reviewer)
    elif state == "not_proactive":
        item = not_proactive(org)
    else:
        item = services.delete(reviewer, publish(reviewer, approved(org, editor, reviewer)), "误发")
    for name in ("portal:item", "portal:item_print"):
        response = client.get(reverse(name, args=[item.id]))
        assert response.status_code == 404
        assert "页面未找到" in response.content.decode()


def test_scheduled_item_appears_once_its_time_has_come(client, org, editor, reviewer, monkeypatch):
    item = scheduled(org, editor, reviewer)
    assert client.get(reverse("portal:item", args=[item.id])).status_code == 404
    # Two days pass: the item's time is reached (moved into the past, the database clock cannot be) and
    # the fragment cache's clock moves on (its entries expire at the next publication time).
    type(item).objects.filter(pk=item.pk).update(published_at=timezone.now() - dt.timedelta(minutes=1))
    later(monkeypatch, dt.timedelta(days=2, minutes=1))
    assert client.get(reverse("portal:item", args=[item.id])).status_code == 200


def test_print_view_has_the_index_table_and_body_without_site_chrome(client, regulation):
    html = client.get(reverse("portal:item_print", args=[regulation.id])).content.decode()
    assert index_table(html)["索引号"] == regulation.index_no
    assert "<p>各镇人民政府，各街道办事处。</p>" in html
    assert 'class="print-view' in html
    assert 'role="search"' not in html and 'class="main-nav"' not in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_print_view_has_the_skip_link_of_every_other_page(client, regulation, prefix):
    """WCAG 2.4.1: the print page's header (site name, 返回信息页面, the printing hint) comes before the text too."""
    html = client.get(prefix + reverse("portal:item_print", args=[regulation.id])).content.decode()
    skip = re.search(r'<a class="skip-link" href="#main">([^<]+)</a>', html)
    assert skip and skip.group(1) == ("Skip to main content" if prefix else "跳到主要内容")
    assert html.index('class="skip-link"') < html.index('class="print-header"')
    assert re.search(r'<main id="main"[^>]*tabindex="-1"', html)  # focus moves there in every browser


def test_attachment_downloads_with_its_chinese_name_never_inline(client, org, editor, reviewer):
    item = draft(org, editor, title="附带附件的通知")
    attachment = attach_pdf(editor, item, "沂源县2020年政务公开工作要点.pdf")
    services.submit(editor, item)
    services.approve(reviewer, item, "同意公开", secrecy_checked=True)
    publish(reviewer, item)

    page = client.get(reverse("portal:item", args=[item.id])).content.decode()
    url = reverse("portal:attachment", args=[attachment.id])
    assert f'<a href="{url}">沂源县2020年政务公开工作要点.pdf</a>' in page

    response = client.get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert f"filename*=utf-8''{quote('沂源县2020年政务公开工作要点.pdf')}" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == PDF


def test_attachment_recorded_as_html_is_served_as_octet_stream(client, org, editor, reviewer):
    item = draft(org, editor)
    attachment = attach_pdf(editor, item)
    services.submit(editor, item)
    services.approve(reviewer, item, "同意公开", secrecy_checked=True)
    publish(reviewer, item)
    Attachment.objects.filter(pk=attachment.pk).update(content_type="text/html; charset=utf-8")
    response = client.get(reverse("portal:attachment", args=[attachment.id]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    response.close()


def test_attachment_of_an_unpublished_item_is_not_found(client, org, editor):
    attachment = attach_pdf(editor, draft(org, editor))
    assert client.get(reverse("portal:attachment", args=[attachment.id])).status_code == 404


@pytest.mark.parametrize("stored,served", [
    ("application/pdf", "application/pdf"),
    ("image/png", "image/png"),
    ("text/html", "application/octet-stream"),
    ("TEXT/PLAIN", "application/octet-stream"),
    ("image/svg+xml", "application/octet-stream"),
    ("", "application/octet-stream"),
    ("nonsense", "application/octet-stream"),
])
def test_safe_content_type(stored, served):
    assert safe_content_type(stored) == served


def test_item_page_query_count_does_not_grow_with_attachments(client, org, editor, reviewer,
                                                              django_assert_max_num_queries):
    item = draft(org, editor)
    for number in range(5):
        attach_pdf(editor, item, f"附件{number}.pdf")
    item.catalog_nodes.add(node_by_key(org, "art20.1"))
    services.submit(editor, item)
    services.approve(reviewer, item, "同意公开", secrecy_checked=True)
    publish(reviewer, item)
    # One query more than before for the item's 政策解读 (the 规范性文件 record comes with the item), two
    # for when time alone next changes a page (the next scheduled publication, the next 规范性文件 施行日期;
    # the first page of a fragment-cache generation).
    with django_assert_max_num_queries(9):
        html = client.get(reverse("portal:item", args=[item.id])).content.decode()
    assert html.count('<a href="/xxgk/attachments/') == 5  # and one in-page preview each
    assert html.count('class="pdf-preview"') == 5


def test_policy_page_links_its_published_interpretation(client, org, editor, reviewer):
    from gongkai.interpretations import services as interpretations

    policy = published_item(org, editor, reviewer, title="关于稳就业的若干措施")
    created = interpretations.create_interpretation(
        editor, org, {"title": "《关于稳就业的若干措施》政策解读", "formed_on": timezone.localdate(), "body": "<p>背景</p>"},
        {"form": "text"}, [policy])
    page = client.get(reverse("portal:item", args=[policy.id])).content.decode()
    assert "《关于稳就业的若干措施》政策解读" not in page  # a draft interpretation is not shown
    services.submit(editor, created.item)
    services.approve(reviewer, created.item, "同意", secrecy_checked=True)
    services.publish(reviewer, created.item)
    page = client.get(reverse("portal:item", args=[policy.id])).content.decode()
    assert "《关于稳就业的若干措施》政策解读" in page
    assert reverse("interpretations:detail", kwargs={"interpretation_id": created.pk}) in page
