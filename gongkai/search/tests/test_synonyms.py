"""The citizens' words: synonyms found without slowing queries, suggestions, the zero-result page, sorting."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.search import dictionary, services, synonyms
from gongkai.search.documents import document_for
from gongkai.search.models import SynonymGroup
from gongkai.search.query import SearchQuery

pytestmark = pytest.mark.django_db
REPORT = "沂源县人民政府2020年政府信息公开工作年度报告"


def ids(q: str, **options) -> list[int]:
    return [hit.item.id for hit in services.search(SearchQuery(q=q, **options)).hits]


@pytest.fixture(autouse=True)
def fresh_dictionary():
    synonyms.forget()
    yield
    synonyms.forget()


def test_the_shipped_starting_list_is_installed():
    groups = {tuple(g.word_list()) for g in SynonymGroup.objects.all()}
    assert ("年报", "年度报告", "工作年度报告", "年度工作报告") in groups
    assert ("预算", "预决算", "财政预算") in groups
    assert ("依申请", "申请公开", "依申请公开", "信息公开申请") in groups
    assert len(groups) >= 15


def test_citizens_words_find_the_official_ones_and_back(publish_now):
    report = publish_now(title=REPORT, body="<p>现将本年度政府信息公开工作情况报告如下。</p>")
    budget = publish_now(title="县财政局2020年部门预算公开", body="<p>部门收支总体情况。</p>")
    other = publish_now(title="关于做好防汛工作的通知", body="<p>各镇做好防汛。</p>")
    assert ids("年报") == [report.id]
    result = services.search(SearchQuery(q="年报"))
    assert result.hits[0].tier == 3  # a synonym in the title is a title match
    assert "年度报告" in result.synonyms and "<mark>工作年度报告</mark>" in result.hits[0].title_html
    assert ids("财政预算") == [budget.id]
    assert ids("预决算") == [budget.id]
    assert other.id not in ids("年报") + ids("财政预算")


def test_recall_for_the_query_as_typed_is_unchanged_by_synonyms(publish_now):
    typed = publish_now(title="依申请公开办理情况", body="<p>依申请公开。</p>")
    assert ids("依申请公开") == [typed.id] and ids("申请公开") == [typed.id]


def test_index_documents_carry_the_synonyms_beside_title_and_body(publish_now):
    item = publish_now(title=REPORT, body="<p>城乡低保标准提高。</p>")
    doc = document_for(item)
    assert "年报" in doc.title_synonyms.split() and "最低生活保障" in doc.body_synonyms.split()
    assert "年度报告" not in doc.title_synonyms  # words the text holds are not repeated
    plain = document_for(item, synonyms.Dictionary())
    assert plain.title_synonyms == plain.body_synonyms == "" and "年报" not in plain.title_norm


def test_editing_the_dictionary_reindexes_the_documents_holding_its_words(
        publish_now, org, client, django_capture_on_commit_callbacks):
    item = publish_now(title="关于调整城区学校学区划分的通告")
    supervisor = user_with_role(org, Role.SUPERVISOR)
    assert ids("就近入学范围") == []
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("search_staff:synonyms"), {"words": "学区划分、就近入学范围", "note": "群众来电"})
    assert response.status_code == 302
    assert ids("就近入学范围") == [item.id]
    group = SynonymGroup.objects.get(note="群众来电")
    assert group.words == "学区划分 就近入学范围"
    assert AuditEvent.objects.filter(action="search.synonyms_save", object_id=str(group.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("search_staff:synonym_delete", args=[group.pk]))
    assert ids("就近入学范围") == []


def test_only_the_supervisor_edits_and_bad_groups_are_refused(org, editor, client):
    with pytest.raises(ActionRefused):
        dictionary.save_group(editor, None, "甲 乙")
    supervisor = user_with_role(org, Role.SUPERVISOR)
    with pytest.raises(ActionRefused, match="至少要有两个词"):
        dictionary.save_group(supervisor, None, "年报")
    client.force_login(editor)
    page = client.get(reverse("search_staff:synonyms")).content.decode()
    assert "年报、年度报告" in page and "词典由政务公开办维护" in page
    assert client.post(reverse("search_staff:synonyms"), {"words": "甲 乙"}).status_code == 403
    assert not SynonymGroup.objects.filter(words="甲 乙").exists()


def test_zero_results_offer_suggestions_the_column_and_the_request_form(publish_now, client):
    publish_now(title="关于开展政务公开培训的通知")
    page = client.get(reverse("search:results"), {"q": "政务公开培讯"}).content.decode()
    assert "没有找到相关信息" in page and "您是不是要找" in page
    assert "关于开展政务公开培训的通知" in page
    assert reverse("portal:column") in page and reverse("requests_public:apply") in page


def test_sort_by_date_ignores_tiers(publish_now):
    in_title = publish_now(title="政务公开工作要点")
    newer_in_body = publish_now(title="关于做好防汛工作的通知", body="<p>做好政务公开。</p>")
    assert ids("政务公开") == [in_title.id, newer_in_body.id]
    assert ids("政务公开", sort="date") == [newer_in_body.id, in_title.id]


def test_one_search_across_types_with_a_type_facet(publish_now, org, editor, reviewer, client,
                                                   django_capture_on_commit_callbacks):
    from gongkai.interpretations import services as interpretations
    from gongkai.regulations.factories import normative_document

    plain = publish_now(title="关于医疗救助资金发放的公示")
    with django_capture_on_commit_callbacks(execute=True):
        document = normative_document(org, editor, reviewer, title="沂源县城乡居民医疗救助办法")
        created = interpretations.create_interpretation(
            editor, org, {"title": "《沂源县城乡居民医疗救助办法》政策解读", "formed_on": document.item.formed_on,
                          "body": "<p>医疗救助的对象。</p>"}, {"form": "text"}, [document.item])
    from gongkai.publishing import services as publishing

    with django_capture_on_commit_callbacks(execute=True):
        publishing.submit(editor, created.item)
        publishing.approve(reviewer, created.item, "同意", secrecy_checked=True)
        publishing.publish(reviewer, created.item)
    found = services.search(SearchQuery(q="医疗救助"))
    kinds_found = {v.value: (v.label, v.count) for v in found.facets["kind"]}
    assert kinds_found == {"item": ("政府信息", 1), "normative": ("规范性文件", 1), "interpretation": ("政策解读", 1)}
    assert ids("医疗救助", kind="normative") == [document.item_id]
    assert ids("医疗救助", kind="interpretation") == [created.item_id]
    assert ids("医疗救助", kind="item") == [plain.id]
    page = client.get(reverse("search:results"), {"q": "医疗救助", "type": "normative"}).content.decode()
    assert "类型" in page and "规范性文件" in page and "关于医疗救助资金发放的公示" not in page
    api = client.get("/api/v1/search", {"q": "医疗救助", "type": "interpretation"}).json()
    assert [r["id"] for r in api["results"]] == [created.item_id]
    assert {f["value"] for f in api["facets"]["kind"]} == {"interpretation"}


def test_control_characters_in_a_synonym_group_are_refused_on_the_field(org, client):
    """A bell or escape character pasted into 同义词 or 说明 was saved (inside a word, as an invisible space)."""
    client.force_login(user_with_role(org, Role.SUPERVISOR))
    for data in ({"words": "年\x07报 年度报告"}, {"words": "年报 年度报告", "note": "说明\x1b"}):
        response = client.post(reverse("search_staff:synonyms"), data)
        assert response.status_code == 200 and "不能包含控制字符" in response.content.decode()
    assert not SynonymGroup.objects.filter(words__contains="年度报告", note__in=["", "说明\x1b"]).exclude(
        note="初始词典").exists()
