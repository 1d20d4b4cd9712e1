"""Interpretations: linking both sides, the reviewer's 同步 warning and the late/missing findings."""

import datetime as dt
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation
from gongkai.publishing import services as publishing
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=SHANGHAI)


def interpretation(org, editor, reviewer, policies, form=Interpretation.Form.TEXT, publish=True, **meta):
    created = services.create_interpretation(
        editor, org, {"title": f"《{policies[0].title}》政策解读", "formed_on": dt.date(2020, 9, 1),
                      "body": "<p>一、出台背景。二、主要内容。</p>"},
        {"form": form, **meta}, policies)
    if publish:
        publishing.submit(editor, created.item)
        publishing.approve(reviewer, created.item, "同意", secrecy_checked=True)
        publishing.publish(reviewer, created.item)
    return created


@pytest.fixture
def policy(org, editor, reviewer):
    return normative_document(org, editor, reviewer).item


def test_each_side_shows_the_other(client, org, editor, reviewer, policy):
    second = published_item(org, editor, reviewer, title="关于提高医疗救助标准的通知")
    created = interpretation(org, editor, reviewer, [policy, second], form=Interpretation.Form.QA, interpreter="县医保局局长")
    assert services.interpretations_for(policy) == [created] == services.interpretations_for(second)
    assert services.policies_for(created) == [policy, second]
    page = client.get(reverse("interpretations:detail", kwargs={"interpretation_id": created.pk})).content.decode()
    assert reverse("regulations:detail", kwargs={"document_id": policy.normative.pk}) in page
    assert reverse("portal:item", kwargs={"item_id": second.pk}) in page and "县医保局局长" in page
    policy_page = client.get(reverse("regulations:detail", kwargs={"document_id": policy.normative.pk})).content.decode()
    assert reverse("interpretations:detail", kwargs={"interpretation_id": created.pk}) in policy_page
    assert "问答" in client.get(reverse("interpretations:list")).content.decode()


def test_unpublished_interpretations_stay_hidden(client, org, editor, reviewer, policy):
    draft = interpretation(org, editor, reviewer, [policy], publish=False)
    assert services.interpretations_for(policy) == []
    assert services.interpretations_for(policy, public=False) == [draft]
    assert client.get(reverse("interpretations:detail", kwargs={"interpretation_id": draft.pk})).status_code == 404


def test_refusals(org, other_org, editor, reviewer, policy):
    with pytest.raises(ActionRefused, match="至少选择"):
        services.create_interpretation(editor, org, {"title": "解读", "formed_on": dt.date(2020, 9, 1)},
                                       {"form": "text"}, [])
    with pytest.raises(ActionRefused, match="发布会地址"):
        interpretation(org, editor, reviewer, [policy], form=Interpretation.Form.VIDEO, publish=False)
    with pytest.raises(ActionRefused, match="http"):
        interpretation(org, editor, reviewer, [policy], form=Interpretation.Form.VIDEO, publish=False,
                       media_url="javascript:alert(1)")
    foreign_draft = publishing.create_item(user_with_role(other_org, Role.EDITOR), other_org,
                                           {"title": "他单位未公开草稿", "formed_on": dt.date(2020, 9, 1)})
    with pytest.raises(ActionRefused, match="尚未公开"):
        interpretation(org, editor, reviewer, [foreign_draft], publish=False)
    with pytest.raises(ActionRefused, match="权限"):
        interpretation(other_org, editor, reviewer, [policy], publish=False)


def test_reviewer_is_told_when_a_policy_has_no_interpretation(client, org, editor, reviewer):
    item = publishing.create_item(editor, org, {"title": "沂源县城区停车管理办法", "doc_number": "源政办发〔2020〕20号",
                                                "formed_on": dt.date(2020, 9, 1), "body": "<p>正文</p>"},
                                  [node_by_key(org, "art20.1")])
    publishing.submit(editor, item)
    assert "尚未关联政策解读" in services.missing_interpretation_warning(item)
    client.force_login(reviewer)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": item.pk})).content.decode()
    assert "尚未关联政策解读" in page
    assert f"{reverse('interpretations_staff:create')}?policy={item.pk}" in page
    interpretation(org, editor, reviewer, [item], publish=False)
    assert services.missing_interpretation_warning(item) is None
    notice = publishing.create_item(editor, org, {"title": "停水通知", "formed_on": dt.date(2020, 9, 1)},
                                    [node_by_key(org, "plan.notices")])
    assert services.missing_interpretation_warning(notice) is None


def test_findings_count_working_days_over_the_national_day_holiday(org, editor, reviewer, policy, settings):
    # Published Friday 2020-09-25; 3 working days: 09-27 (Sunday, 调休上班), 09-28, 09-29.
    InformationItem.objects.filter(pk=policy.pk).update(published_at=at("2020-09-25"))
    assert services.findings([org.id], dt.date(2020, 9, 29)) == ([], [])
    found, _unknown = services.findings([org.id], dt.date(2020, 9, 30))
    assert [(f.policy, f.due, f.missing, str(f.label)) for f in found] == [
        (policy, dt.date(2020, 9, 29), True, "缺少政策解读")]
    settings.GONGKAI_INTERPRETATION_WORKDAYS = 5  # 09-30, then 国庆 until 10-08, 10-09 is the 5th
    assert services.findings([org.id], dt.date(2020, 10, 9))[0] == []
    assert len(services.findings([org.id], dt.date(2020, 10, 10))[0]) == 1


def test_late_interpretation_stays_a_finding_and_on_time_one_clears_it(org, editor, reviewer, policy):
    InformationItem.objects.filter(pk=policy.pk).update(published_at=at("2020-09-25"))
    late = interpretation(org, editor, reviewer, [policy])
    InformationItem.objects.filter(pk=late.item_id).update(published_at=at("2020-10-09"))
    found, _ = services.findings([org.id], dt.date(2020, 12, 1))
    assert [(f.missing, f.interpretation_on, str(f.label)) for f in found] == [
        (False, dt.date(2020, 10, 9), "解读发布滞后")]
    InformationItem.objects.filter(pk=late.item_id).update(published_at=at("2020-09-29"))
    assert services.findings([org.id], dt.date(2020, 12, 1))[0] == []


def test_findings_page_is_for_the_supervisor(client, org, editor, reviewer, policy):
    InformationItem.objects.filter(pk=policy.pk).update(published_at=at("2020-09-25"))
    client.force_login(editor)
    assert client.get(reverse("interpretations_staff:findings")).status_code == 403
    supervisor = user_with_role(org, Role.SUPERVISOR)
    client.force_login(supervisor)
    page = client.get(reverse("interpretations_staff:findings")).content.decode()
    assert "沂源县城乡居民医疗救助办法" in page and "缺少政策解读" in page


def test_staff_create_form_links_the_policy(client, org, editor, policy):
    client.force_login(editor)
    url = reverse("interpretations_staff:create")
    assert policy.title in client.get(url, {"policy": policy.pk}).content.decode()
    response = client.post(url, {"organization": org.pk, "title": "医疗救助办法图解", "form": "graphic",
                                 "policies": [policy.pk], "topic": "12", "formed_on": "2020-09-01",
                                 "body": "<p>图解</p><script>alert(1)</script>"})
    assert response.status_code == 302
    created = Interpretation.objects.get()
    assert created.form == "graphic" and list(created.policies.all()) == [policy]
    assert "<script>" not in created.item.body and created.item.catalog_nodes.get().template_key == "plan.interpretation"


def test_interpretation_page_marks_a_policy_no_longer_in_force(client, org, editor, reviewer, policy):
    from gongkai.regulations import services as regulations

    created = interpretation(org, editor, reviewer, [policy])
    url = reverse("interpretations:detail", kwargs={"interpretation_id": created.pk})
    assert "（已废止）" not in client.get(url).content.decode()
    newer = normative_document(org, editor, reviewer, title="沂源县医疗救助实施办法", doc_number="源政办发〔2026〕3号",
                               promulgated_on="2026-01-01", effective_from="2026-01-01", expires_on="2030-12-31")
    regulations.repeal(reviewer, newer, policy.normative)
    assert f"{policy.title}</a>（{policy.doc_number}） <span class=\"item-validity\">（已废止）</span>" in \
        client.get(url).content.decode()


@pytest.mark.parametrize(("prefix", "mark"), [("", "（尚未施行）"), ("/en", " (Not yet in force)")])
def test_interpretation_page_marks_a_policy_with_the_lists_shared_include(client, org, editor, reviewer, prefix, mark):
    """The mark beside an interpreted policy comes from the include every list uses
    (portal/includes/validity_mark.html), so it reads and changes as theirs do."""
    future = normative_document(org, editor, reviewer, title="沂源县养老服务补贴办法", doc_number="源政办发〔2026〕9号",
                                promulgated_on="2026-11-01", effective_from="2027-06-01", expires_on="2031-05-31")
    created = interpretation(org, editor, reviewer, [future.item], form=Interpretation.Form.VIDEO,
                             media_url="https://video.example.org/yiyuan/1.mp4")
    response = client.get(prefix + reverse("interpretations:detail", kwargs={"interpretation_id": created.pk}))
    assert "portal/includes/validity_mark.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert f'{future.item.title}</a>{"（" if not prefix else " ("}{future.item.doc_number}{"）" if not prefix else ")"}' \
        f' <span class="item-validity">{mark}</span></li>' in page
    # The video link's note is spaced off the link in English ("Watch the video(opens…" before).
    assert ("</a>（将打开外部页面）" if not prefix else "</a> (opens an external page)") in page


def test_an_editor_cannot_change_a_published_interpretation_without_review(client, org, editor, reviewer, policy):
    published = interpretation(org, editor, reviewer, [policy])
    url = reverse("interpretations_staff:edit", kwargs={"interpretation_id": published.pk})
    client.force_login(editor)
    response = client.post(url, {"form": "video", "interpreter": "", "media_url": "https://phishing.example/login",
                                 "policies": [policy.pk]})
    assert response.status_code == 403 and "须由本单位审核员修改" in response.content.decode()
    from gongkai.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="interpretation.update_refused", actor=editor).exists()
    with pytest.raises(ActionRefused, match="审核员"):
        services.update_interpretation(editor, published, {"form": "video", "media_url": "https://phishing.example/"},
                                       [policy])
    published.refresh_from_db()
    assert published.media_url == "" and published.form == Interpretation.Form.TEXT
    page = client.get(reverse("interpretations:detail", kwargs={"interpretation_id": published.pk})).content.decode()
    assert "phishing.example" not in page

    # The reviewer may correct it; the change is audited.
    services.update_interpretation(reviewer, published, {"form": "video", "media_url": "https://video.example.cn/1"},
                                   [policy])
    published.refresh_from_db()
    assert published.media_url == "https://video.example.cn/1"
    assert AuditEvent.objects.filter(action="interpretation.update", actor=reviewer).exists()


def test_a_cleanup_result_notice_needs_no_interpretation(org, editor, reviewer, policy):
    from gongkai.regulations.models import CleanupCampaign

    InformationItem.objects.filter(pk=policy.pk).update(published_at=at("2020-09-25"))
    CleanupCampaign.objects.create(organization=org, title="规范性文件清理", opened_by=reviewer,
                                   opened_on=dt.date(2020, 9, 1), state="closed", result_item=policy)
    assert services.findings([org.id], dt.date(2020, 12, 1))[0] == []
    assert services.missing_interpretation_warning(policy) is None


def test_the_policy_choices_are_narrowed_on_the_server_not_listed_in_full(client, org, other_org, editor, reviewer,
                                                                          monkeypatch):
    """With thousands of public items the form lists a few and a 查找 narrows them, without JavaScript (review)."""
    monkeypatch.setattr(services, "FIND_LIMIT", 2, raising=False)
    items = [published_item(org, editor, reviewer, title=f"关于第{n}批惠民政策的通知") for n in range(3)]
    wanted = published_item(org, editor, reviewer, title="沂源县城乡居民医疗救助办法", doc_number="源政发〔2026〕7号")
    foreign_draft = publishing.create_item(user_with_role(other_org, Role.EDITOR), other_org,
                                           {"title": "他单位医疗草稿", "formed_on": dt.date(2020, 9, 1)})
    client.force_login(editor)
    url = reverse("interpretations_staff:create")
    page = client.get(url).content.decode()
    assert page.count('name="policies"') == 2 and "查找政策文件" in page
    data = {"organization": org.pk, "title": "医疗救助办法解读", "form": "text", "topic": "12",
            "formed_on": "2020-09-01", "body": "<p>解读</p>", "policies": [items[0].pk]}
    page = client.post(url, {**data, "policy_query": "〔2026〕7号", "find_policies": "1"}).content.decode()
    assert Interpretation.objects.count() == 0 and "errorlist" not in page
    assert wanted.title in page and items[0].title in page  # the match, and what was ticked stays ticked
    assert items[1].title not in page and items[2].title not in page and foreign_draft.title not in page
    page = client.post(url, {**data, "policy_query": "医疗草稿", "find_policies": "1"}).content.decode()
    assert foreign_draft.title not in page and "没有找到与“医疗草稿”匹配" in page
    # A choice not shown is still validated against every candidate: public or own, never a foreign draft.
    assert client.post(url, {**data, "policies": [foreign_draft.pk]}).status_code == 200
    assert Interpretation.objects.count() == 0
    assert client.post(url, {**data, "policies": [wanted.pk, items[2].pk]}).status_code == 302
    assert set(Interpretation.objects.get().policies.all()) == {wanted, items[2]}


def test_the_list_offers_the_edit_link_only_where_it_leads(client, org, editor, reviewer, policy):
    """A 信息员 sees no 修改 link on a published interpretation (it answered 403): a note says who edits it (review)."""
    published = interpretation(org, editor, reviewer, [policy])
    second = published_item(org, editor, reviewer, title="关于提高医疗救助标准的通知")
    draft = interpretation(org, editor, reviewer, [second], publish=False)
    edit = lambda i: reverse("interpretations_staff:edit", kwargs={"interpretation_id": i.pk})  # noqa: E731
    client.force_login(editor)
    page = client.get(reverse("interpretations_staff:list")).content.decode()
    assert edit(published) not in page and edit(draft) in page and "已发布，须由本单位审核员修改" in page
    client.force_login(reviewer)
    page = client.get(reverse("interpretations_staff:list")).content.decode()
    assert edit(published) in page and "须由本单位审核员修改" not in page


class _SubmitButtons(HTMLParser):
    """The submit buttons of an HTML form, in document order: (name, text)."""

    def __init__(self):
        super().__init__()
        self.current, self.buttons = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" and attrs.get("type", "submit") == "submit":
            self.current = [attrs.get("name") or "", ""]
        elif tag == "input" and attrs.get("type") == "submit":
            self.buttons.append((attrs.get("name") or "", attrs.get("value") or ""))

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data

    def handle_endtag(self, tag):
        if tag == "button" and self.current is not None:
            self.buttons.append((self.current[0], self.current[1].strip()))
            self.current = None


def _submit_buttons_of_the_form_with(page: str, field: str) -> list[tuple[str, str]]:
    at = page.index(f'name="{field}"')
    parser = _SubmitButtons()
    parser.feed(page[page.rindex("<form", 0, at):page.index("</form>", at)])
    return parser.buttons


def test_enter_in_a_text_field_saves_the_interpretation_rather_than_searching(client, org, editor, reviewer, policy):
    """Enter in a text field presses the form's default button, its first submit button in document order: that is
    保存, not the 查找 next to the policy search (review). 查找 stays a button of its own, and what it posts saves
    nothing and keeps what was typed."""
    draft = interpretation(org, editor, reviewer, [published_item(org, editor, reviewer, title="关于提高救助标准的通知")],
                           publish=False)
    client.force_login(editor)
    url = reverse("interpretations_staff:create")
    for page_url in (url, reverse("interpretations_staff:edit", kwargs={"interpretation_id": draft.pk})):
        buttons = _submit_buttons_of_the_form_with(client.get(page_url).content.decode(), "policy_query")
        assert buttons[0] == ("", "保存")
        assert ("find_policies", "查找") in buttons
    data = {"organization": org.pk, "title": "医疗救助办法解读", "form": "text", "topic": "12",
            "formed_on": "2020-09-01", "body": "<p>解读</p>", "policy_query": "医疗", "policies": [policy.pk]}
    page = client.post(url, {**data, "find_policies": "1"}).content.decode()  # 查找
    assert Interpretation.objects.count() == 1 and 'value="医疗救助办法解读"' in page
    response = client.post(url, data)  # Enter: the default button, which posts no name
    assert response.status_code == 302 and Interpretation.objects.count() == 2
