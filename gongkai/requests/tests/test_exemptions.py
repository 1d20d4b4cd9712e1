"""第十四—十六条: one enumeration of the 不予公开 bases (gongkai.core.exemptions) for the information item's
公开方式 and for the 不予公开/部分公开 answers and their 答复书, and the migration of the stored values."""

import datetime as dt
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.core.exemptions import ExemptionBasis, citation
from gongkai.core.services import ActionRefused
from gongkai.publishing.models import InformationItem
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.forms.staff import WithheldPartForm
from gongkai.requests.models import RequestCase, WithheldPart
from gongkai.requests.outcomes import OUTCOMES, Outcome
from gongkai.requests.services import replies
from gongkai.requests.tests.conftest import pdf_text

D = dt.date.fromisoformat
RECEIVED, REPLIED = D("2024-06-03"), D("2024-06-21")


def test_the_item_and_the_case_choose_from_the_same_bases():
    item_field = InformationItem._meta.get_field("exemption_basis")
    case_field = RequestCase._meta.get_field("withholding_article")
    part_field = WithheldPart._meta.get_field("article")
    assert item_field.choices == case_field.choices == part_field.choices == ExemptionBasis.choices
    assert [value for value, _ in WithheldPartForm().fields["article"].choices][1:] == ExemptionBasis.values


def test_every_withheld_row_of_the_annual_report_rests_on_one_basis():
    withheld = {label: spec for label, spec in OUTCOMES.items() if spec.withholds and not spec.partial}
    assert {spec.basis for spec in withheld.values()} == set(ExemptionBasis.values)
    assert OUTCOMES[Outcome.ENFORCEMENT_FILE].basis == ExemptionBasis.ENFORCEMENT_FILE
    assert citation(ExemptionBasis.ENFORCEMENT_FILE) == "第十六条第二款"
    assert citation(ExemptionBasis.INTERNAL_AFFAIRS) == "第十六条第一款"
    assert citation("") == ""


@pytest.mark.django_db
def test_a_withheld_reply_takes_its_outcomes_basis_and_quotes_its_article(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(editor, case, {"outcome": Outcome.ENFORCEMENT_FILE,
                                       "withholding_reason": "属于行政处罚案卷，已按最小化原则审查。"})
    case.refresh_from_db()
    assert case.withholding_article == ExemptionBasis.ENFORCEMENT_FILE
    assert case.get_withholding_article_display() == "第十六条第二款：行政执法案卷信息"
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    letter = case.documents.get(document__template_key=OUTCOMES[Outcome.ENFORCEMENT_FILE].letter_key).document
    text = pdf_text(letter.pdf)
    assert "第十六条第二款和第三十六条第（三）项" in text and "2024年6月21日" in text


@pytest.mark.django_db
def test_a_basis_that_contradicts_the_outcome_is_refused(org, editor):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    with pytest.raises(ActionRefused, match="依据条款与办理结果不一致"):
        replies.draft_reply(editor, case, {"outcome": Outcome.STATE_SECRET,
                                           "withholding_article": ExemptionBasis.THIRD_PARTY,
                                           "withholding_reason": "涉及商业秘密"})
    case.refresh_from_db()
    assert case.state == State.PROCESSING and case.outcome == ""


@pytest.mark.django_db
def test_a_withheld_part_with_an_article_only_is_refused(org, editor):
    """The old article-only values (art15) are no longer a basis: the part must name its ground."""
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    with pytest.raises(ActionRefused, match="依据条款"):
        replies.draft_reply(editor, case, {"outcome": Outcome.PARTIAL, "reply_content": "提供中标结果。"},
                            withheld_parts=[{"description": "投标报价", "article": "art15", "reason": "商业秘密"}])


MIGRATION = import_module("gongkai.requests.migrations.0004_exemption_basis_shared")


@pytest.mark.parametrize(("article", "outcome", "words", "expected"), [
    ("art15", "部分公开", "投标报价", "art15_third_party"),
    ("art16_1", "", "", "art16_internal"),
    ("other", "不予公开-属于行政查询事项", "", "other"),
    ("art14", "不予公开-危及“三安全一稳定”", "", "art14_security"),
    ("art14", "不予公开-属于国家秘密", "", "art14_secret"),
    ("art16_2", "不予公开-属于行政执法案卷", "", "art16_enforcement"),
    ("art14", "部分公开", "文件标注密级“秘密”", "art14_secret"),
    ("art14", "部分公开", "公开后可能危及社会稳定", "art14_security"),
    ("art14", "部分公开", "档案法禁止公开", "art14_law"),
    ("art16_2", "部分公开", "行政处罚案卷中的询问笔录", "art16_enforcement"),
    ("art16_2", "部分公开", "会议讨论记录", "art16_process"),
])
def test_the_migration_reads_each_stored_article_as_its_ground(article, outcome, words, expected):
    assert MIGRATION.ground(article, outcome, words) == expected


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_stored_cases_and_parts(org):
    executor = MigrationExecutor(connection)
    executor.migrate([("requests", "0002_remedy_filed_on_optional")])
    old = executor.loader.project_state([("requests", "0002_remedy_filed_on_optional")]).apps
    Case, Part = old.get_model("requests", "RequestCase"), old.get_model("requests", "WithheldPart")
    common = {"organization_id": org.pk, "applicant_type": "natural_person", "applicant_name": "张三",
              "info_description": "2023年行政处罚决定",
              "tracking_number": "SQ-2024-000001", "channel": "online"}
    withheld = Case.objects.create(**common, outcome="不予公开-属于行政执法案卷", withholding_article="art16_2",
                                   withholding_reason="属于执法案卷")
    partial = Case.objects.create(**{**common, "tracking_number": "SQ-2024-000002"}, outcome="部分公开")
    Part.objects.create(case=partial, description="询问笔录", article="art16_2", reason="行政执法案卷信息")
    Part.objects.create(case=partial, description="身份证号码", article="art15", reason="个人隐私")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert RequestCase.objects.get(pk=withheld.pk).withholding_article == ExemptionBasis.ENFORCEMENT_FILE
        assert list(WithheldPart.objects.filter(case_id=partial.pk).values_list("article", flat=True)) == [
            ExemptionBasis.ENFORCEMENT_FILE, ExemptionBasis.THIRD_PARTY]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
