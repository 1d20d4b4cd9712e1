"""Every outcome of annual-report.md through review to its 答复书: the right 第三十六条 answer, a DOCX that
opens and a PDF whose text says it in Chinese."""

import datetime as dt
import re

import pytest

from gongkai.core.exemptions import ExemptionBasis
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent, RequestCase, VolumeReview
from gongkai.requests.outcomes import ABANDONMENT_OUTCOMES, ALIASES, OUTCOMES, Outcome, parse_outcome
from gongkai.requests.services import handling, replies
from gongkai.requests.tests.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
RECEIVED, REPLIED = D("2020-03-02"), D("2020-03-20")

ANNUAL_REPORT_LABELS = """予以公开
部分公开
不予公开-属于国家秘密
不予公开-其他法律行政法规禁止公开
不予公开-危及“三安全一稳定”
不予公开-保护第三方合法权益
不予公开-属于三类内部事务信息
不予公开-属于四类过程性信息
不予公开-属于行政执法案卷
不予公开-属于行政查询事项
无法提供-本机关不掌握相关政府信息
无法提供-没有现成信息需要另行制作
无法提供-补正后申请内容仍不明确
不予处理-信访举报投诉类申请
不予处理-重复申请
不予处理-要求提供公开出版物
不予处理-无正当理由大量反复申请
不予处理-要求行政机关确认或重新出具已获取信息
其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
其他处理-申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
其他处理-其他""".splitlines()

# What each 答复书 must say (besides the applicant, the number and the remedy notice).
EXPECTED = {
    Outcome.GRANTED: "第三十六条第（二）项",
    Outcome.PARTIAL: "第三十七条",
    Outcome.STATE_SECRET: "依法确定为国家秘密",
    Outcome.PROHIBITED_BY_LAW: "法律、行政法规禁止公开",
    Outcome.SECURITY_STABILITY: "国家安全、公共安全、经济安全、社会稳定",
    Outcome.THIRD_PARTY: "第三方合法权益",
    Outcome.INTERNAL_AFFAIRS: "内部事务信息",
    Outcome.PROCESS_INFORMATION: "过程性信息",
    Outcome.ENFORCEMENT_FILE: "行政执法案卷",
    Outcome.ADMINISTRATIVE_QUERY: "行政查询事项",
    Outcome.NOT_HELD: "该政府信息不存在",
    Outcome.NEEDS_CREATION: "第三十八条",
    Outcome.UNCLEAR: "补正后的申请，但申请内容仍不明确",
    Outcome.PETITION: "第三十九条第一款",
    Outcome.REPEATED: "不予重复处理",
    Outcome.PUBLICATION: "公开出版物",
    Outcome.EXCESSIVE: "第三十五条",
    Outcome.CONFIRMATION: "确认或者重新出具",
    Outcome.NO_CORRECTION: "视为您放弃申请",
    Outcome.UNPAID_FEE: "20个工作日内缴纳信息处理费",
    Outcome.OTHER: "第三十六条第（七）项",
}


# The law a 行政查询事项 rests on: not an article of the 条例, so the handler names it.
QUERY_LAW = "《不动产登记资料查询暂行办法》第二十条"
LAW = "《中华人民共和国政府信息公开条例》"
WITHHELD = f"{LAW}第三十六条第（三）项的规定，本机关决定不予公开"
# Every 不予公开 答复书's legal basis, word for word: the 条例's name only before the 条例's own articles.
BASIS_SENTENCES = {
    Outcome.STATE_SECRET: f"根据{LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.PROHIBITED_BY_LAW: f"根据{LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.SECURITY_STABILITY: f"根据{LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.THIRD_PARTY: f"根据{LAW}第十五条和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.INTERNAL_AFFAIRS: f"根据{LAW}第十六条第一款和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.PROCESS_INFORMATION: f"根据{LAW}第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.ENFORCEMENT_FILE: f"根据{LAW}第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开",
    Outcome.ADMINISTRATIVE_QUERY: f"根据{QUERY_LAW}和{WITHHELD}",
}
# The 条例's name followed by anything but one of its articles (「《条例》其他法律、行政法规」).
REGULATION_WITHOUT_ARTICLE = re.compile(r"政府信息公开条例》(?!第)")


def test_the_outcomes_are_exactly_the_21_labels_of_the_annual_report():
    assert list(OUTCOMES) == ANNUAL_REPORT_LABELS
    assert [c.value for c in Outcome] == ANNUAL_REPORT_LABELS
    assert {spec.key for spec in OUTCOMES.values()} == {
        "granted", "partially_granted", "withheld_state_secret", "withheld_prohibited_by_law",
        "withheld_security_stability", "withheld_third_party", "withheld_internal_affairs",
        "withheld_process_information", "withheld_enforcement_file", "withheld_administrative_query",
        "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "not_processed_petition",
        "not_processed_repeated", "not_processed_publication", "not_processed_excessive",
        "not_processed_confirmation", "other_no_correction", "other_unpaid_fee", "other_other"}


def test_ledger_short_forms_and_ascii_quotes_are_accepted():
    assert parse_outcome("其他处理-逾期不补正") == Outcome.NO_CORRECTION
    assert parse_outcome("其他处理-逾期未缴费") == Outcome.UNPAID_FEE
    assert parse_outcome('不予公开-危及"三安全一稳定"') == Outcome.SECURITY_STABILITY
    assert parse_outcome("不予公开") is None
    assert set(ALIASES.values()) <= set(OUTCOMES)


def test_a_full_width_or_typographic_dash_reads_as_the_labels_hyphen():
    """WPS and Word turn the hyphen of 不予公开-保护第三方合法权益 into 「－」 or 「—」; the row was refused."""
    assert parse_outcome("不予公开－保护第三方合法权益") == parse_outcome("不予公开-保护第三方合法权益") is not None
    assert parse_outcome("其他处理—逾期不补正") == Outcome.NO_CORRECTION
    assert parse_outcome("予以公开－") is None


def test_a_chinese_dash_typed_twice_or_a_horizontal_bar_reads_as_the_labels_hyphen():
    """A Chinese input method types the dash as 「——」 (two em dashes); some fonts' 「―」 is U+2015."""
    assert parse_outcome("其他处理——逾期不补正") == Outcome.NO_CORRECTION
    assert parse_outcome("其他处理―逾期不补正") == Outcome.NO_CORRECTION
    assert parse_outcome("其他处理-逾-期不补正") is None


def _prepare(case, label, editor):
    """Bring the case to where the outcome applies (补正 for 仍不明确, 第三十五条 review for 大量反复)."""
    if label == Outcome.UNCLEAR:
        handling.request_correction(editor, case, "请写明所需文件的名称或文号", 10, D("2020-03-03"))
        handling.receive_correction(editor, case, D("2020-03-06"), "需要近年所有文件")
    if label == Outcome.EXCESSIVE:
        review = handling.ask_volume_explanation(editor, case, "本月已提出40件申请，请说明理由", D("2020-03-03"))
        handling.record_volume_decision(editor, review, "", None, VolumeReview.Decision.UNREASONABLE,
                                        "申请内容与其生产生活无关且反复")


def _draft_data(label):
    spec = OUTCOMES[label]
    data = {"outcome": label, "reply_content": "现将《2019年度县级财政预算执行情况报告》提供给您（见附件）。"}
    if spec.withholds and not spec.partial:
        data.update(withholding_article=spec.basis,
                    withholding_reason="经审查属于该情形，已按最小化原则审查。")
    if spec.basis == ExemptionBasis.OTHER_LAW:
        data["withholding_law"] = QUERY_LAW
    return data


@pytest.mark.parametrize("label", [label for label in OUTCOMES if label not in ABANDONMENT_OUTCOMES])
def test_every_reply_outcome_reaches_its_letter(label, org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    _prepare(case, label, editor)
    parts = [{"description": "某公司的投标报价", "article": ExemptionBasis.THIRD_PARTY, "reason": "涉及商业秘密"}]
    replies.draft_reply(editor, case, _draft_data(label), withheld_parts=parts if label == Outcome.PARTIAL else ())
    case.refresh_from_db()
    assert case.state == State.REVIEW
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=OUTCOMES[label].withholds)
    case.refresh_from_db()
    assert case.state == State.REPLIED and case.replied_on == REPLIED and case.outcome == label
    assert case.withholding_confirmed is OUTCOMES[label].withholds
    document = case.documents.get(document__template_key=OUTCOMES[label].letter_key).document
    text = pdf_text(document.pdf)
    assert "政府信息公开申请答复书" in text
    assert "张三：" in text and case.tracking_number in text
    assert EXPECTED[label] in text, text
    assert document.doc_number.endswith("〔2020〕1号") and document.doc_number in text
    assert "2020年3月20日" in text and org.name in text
    assert EXPECTED[label] in docx_text(document.docx)
    if label in BASIS_SENTENCES:
        assert BASIS_SENTENCES[label] in text, text
    assert not REGULATION_WITHOUT_ARTICLE.search(text), text
    if label == Outcome.PARTIAL:
        assert "某公司的投标报价" in text and "涉及商业秘密" in text and "第十五条" in text


def test_no_correction_ends_as_abandoned_with_its_notice(org, editor):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-03-03"))
    # 补正期限: 5 working days after 03-03 → 03-10; abandoning on the deadline itself is refused.
    with pytest.raises(Exception, match="届满后"):
        handling.abandon(editor, case, Outcome.NO_CORRECTION, D("2020-03-10"))
    handling.abandon(editor, case, Outcome.NO_CORRECTION, D("2020-03-11"))
    case.refresh_from_db()
    assert case.state == State.ABANDONED and case.outcome == Outcome.NO_CORRECTION
    assert case.replied_on == D("2020-03-11")
    document = case.documents.get(document__template_key="requests.reply.other_no_correction").document
    text = pdf_text(document.pdf)
    assert EXPECTED[Outcome.NO_CORRECTION] in text and "2020年3月10日前" in text


def test_unpaid_fee_ends_as_abandoned_with_its_notice(org, editor):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    fee = handling.notify_fee(editor, case, "by_page", 150, D("2020-03-03"))
    handling.record_fee_notice_received(editor, fee, D("2020-03-04"))
    # 20 working days after 03-04 → 04-01.
    with pytest.raises(Exception, match="届满后"):
        handling.abandon(editor, case, Outcome.UNPAID_FEE, D("2020-04-01"))
    handling.abandon(editor, case, Outcome.UNPAID_FEE, D("2020-04-02"))
    case.refresh_from_db()
    assert case.state == State.ABANDONED and case.outcome == Outcome.UNPAID_FEE
    text = pdf_text(case.documents.get(document__template_key="requests.reply.other_unpaid_fee").document.pdf)
    assert EXPECTED[Outcome.UNPAID_FEE] in text and "2020年3月3日" in text


def test_not_ours_names_the_responsible_agency(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(editor, case, {"outcome": Outcome.NOT_HELD, "answer_code": "36-5",
                                       "reply_content": "该信息由县自然资源局制作并保存。",
                                       "referral": "沂源县自然资源局，电话0533-3241234"})
    replies.approve_reply(reviewer, case, REPLIED)
    text = pdf_text(case.documents.get().document.pdf)
    assert "第三十六条第（五）项" in text and "沂源县自然资源局，电话0533-3241234" in text


def test_withholding_needs_a_second_persons_explicit_confirmation(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(reviewer, case, _draft_data(Outcome.THIRD_PARTY))
    with pytest.raises(Exception, match="起草人以外"):
        replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    case.refresh_from_db()
    replies.return_reply(reviewer, case, "请再核实")
    replies.draft_reply(editor, case, _draft_data(Outcome.THIRD_PARTY))
    with pytest.raises(Exception, match="最小化原则"):
        replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=False)
    case.refresh_from_db()
    assert case.state == State.REVIEW and not case.documents.exists()
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    case.refresh_from_db()
    assert case.reviewed_by == reviewer and case.withholding_confirmed


def test_a_withholding_without_basis_or_reason_is_refused(org, editor):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    with pytest.raises(Exception, match="依据条款"):
        replies.draft_reply(editor, case, {"outcome": Outcome.STATE_SECRET, "withholding_reason": ""})
    with pytest.raises(Exception, match="逐项列明"):
        replies.draft_reply(editor, case, {"outcome": Outcome.PARTIAL, "reply_content": "提供部分"})
    case.refresh_from_db()
    assert case.state == State.PROCESSING


def test_events_of_an_answered_case(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(editor, case, _draft_data(Outcome.GRANTED))
    replies.approve_reply(reviewer, case, REPLIED)
    kinds = list(case.clock_events.values_list("kind", flat=True))
    assert kinds == [ClockEvent.Kind.RECEIVED, ClockEvent.Kind.REPLIED]


def test_the_reply_letter_neither_doubles_a_mark_nor_repeats_its_reasoning(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING, info_title="",
                         info_description="2019年前后的村级补助资金发放情况。")
    replies.draft_reply(editor, case, {
        "outcome": Outcome.THIRD_PARTY,
        "withholding_reason": "经审查，该信息载有补助对象的身份证号码和家庭住址，依法不予公开。"})
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    document = RequestCase.objects.get(pk=case.pk).documents.get().document
    paragraphs = [block["paragraph"]["text"] for block in document.content["body"] if "paragraph" in block]
    text = "".join(paragraphs)
    assert "前后的村级补助资金发放情况。（" not in text and "。。" not in text
    assert "申请获取：2019年前后的村级补助资金发放情况。" in text
    assert text.count("经审查") == 1 and text.count("不予公开") == 1  # the finding and the decision, once each
    assert "该信息载有补助对象的身份证号码和家庭住址。" in text


def test_a_basis_outside_the_regulation_needs_the_law_and_article_named(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    data = {"outcome": Outcome.ADMINISTRATIVE_QUERY, "withholding_reason": "属于不动产登记资料查询。"}
    for law in ("", "  ", "不动产登记的规定"):
        with pytest.raises(Exception, match="具体的法律、行政法规名称"):
            replies.draft_reply(editor, case, {**data, "withholding_law": law})
    case.refresh_from_db()
    assert case.state == State.PROCESSING
    replies.draft_reply(editor, case, {**data, "withholding_law": f" {QUERY_LAW} "})
    case.refresh_from_db()
    assert case.withholding_law == QUERY_LAW
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    text = pdf_text(case.documents.get().document.pdf)
    assert f"根据{QUERY_LAW}和{LAW}第三十六条第（三）项的规定" in text, text
    assert "其他法律、行政法规" not in text


def test_a_withheld_part_outside_the_regulation_cites_its_law(org, editor, reviewer):
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    data = {"outcome": Outcome.PARTIAL, "reply_content": "提供宗地的用途和面积。"}
    part = {"description": "权利人的登记资料", "article": ExemptionBasis.OTHER_LAW, "reason": "应按不动产登记资料查询办理"}
    with pytest.raises(Exception, match="具体的法律、行政法规名称"):
        replies.draft_reply(editor, case, data, withheld_parts=[part])
    replies.draft_reply(editor, case, data, withheld_parts=[{**part, "law": QUERY_LAW}])
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    text = pdf_text(case.documents.get().document.pdf)
    assert QUERY_LAW in text and "其他法律、行政法规" not in text, text


def test_a_units_old_wording_is_reworded_or_refused_for_another_law(org, editor, reviewer):
    from importlib import import_module

    from django.apps import apps

    from gongkai.letters.models import LetterTemplate
    from gongkai.letters.registry import get

    key = OUTCOMES[Outcome.ADMINISTRATIVE_QUERY].letter_key
    old = get(key).body.replace("根据{不予公开依据}的规定",
                                f"根据{LAW}{{依据条款}}和第三十六条第（三）项的规定")
    template = LetterTemplate.objects.create(organization=org, key=key, title="答复书", body=old + "\n本单位加注。",
                                             doc_prefix="源政信复")
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(editor, case, {**_draft_data(Outcome.ADMINISTRATIVE_QUERY)})
    with pytest.raises(Exception, match="不予公开依据"):
        replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    import_module("gongkai.requests.migrations.0015_withheld_letter_wording").reword(apps, None)
    template.refresh_from_db()
    assert "根据{不予公开依据}的规定" in template.body and template.body.endswith("本单位加注。")
    case.refresh_from_db()
    replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    text = pdf_text(case.documents.get().document.pdf)
    assert f"根据{QUERY_LAW}和{LAW}第三十六条第（三）项的规定" in text and "本单位加注" in text


def test_a_draft_from_before_the_law_was_required_is_not_issued_without_it(org, editor, reviewer):
    """A 行政查询事项 or 部分公开 draft waiting for review at the upgrade has no law named (migration 0014
    left it empty): approving it is refused, nothing is issued, and the case stays in review."""
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(editor, case, {**_draft_data(Outcome.ADMINISTRATIVE_QUERY)})
    RequestCase.objects.filter(pk=case.pk).update(withholding_law="")
    with pytest.raises(Exception, match="退回起草人补充"):
        replies.approve_reply(reviewer, case, REPLIED, confirm_withholding=True)
    case.refresh_from_db()
    assert case.state == State.REVIEW and not case.documents.exists()

    partial = received_case(org, RECEIVED, state=State.PROCESSING)
    part = {"description": "权利人的登记资料", "article": ExemptionBasis.OTHER_LAW, "reason": "应按不动产登记资料查询办理",
            "law": QUERY_LAW}
    replies.draft_reply(editor, partial, {"outcome": Outcome.PARTIAL, "reply_content": "提供宗地的用途和面积。"},
                        withheld_parts=[part])
    partial.withheld_parts.update(law="")
    with pytest.raises(Exception, match="退回起草人补充"):
        replies.approve_reply(reviewer, partial, REPLIED, confirm_withholding=True)
    partial.refresh_from_db()
    assert partial.state == State.REVIEW and not partial.documents.exists()


def test_the_drafter_of_a_withholding_reply_is_told_on_the_review_panel(client, org, editor, reviewer):
    from django.urls import reverse

    own = "这份答复由您起草，涉及不予公开，须由起草人以外的审核员审核通过；您可以退回修改。"
    case = received_case(org, RECEIVED, state=State.PROCESSING)
    replies.draft_reply(reviewer, case, _draft_data(Outcome.THIRD_PARTY))
    client.force_login(reviewer)
    assert own in client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    second = user_with_role(org, Role.REVIEWER)
    client.force_login(second)
    page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert own not in page and "请逐项核对依据和理由" in page
