"""办理结果: exactly the 21 labels of shared/spec/annual-report.md, each mapped to the answer it produces.

An outcome is stored as its label. Each maps to its annual-report row key (table 3), to the answers of
条例第三十六条 (or the article that replaces one) that may produce it, and to the 答复书 template issued
for it (`requests.reply.<row key>`). annual-report.md's mapping rules hold here: 第三十六条（一）and（二）
are 予以公开; （五）不属于本机关 is 无法提供-本机关不掌握相关政府信息; （六）is 不予处理-重复申请; （七）特别规定
is 其他处理-其他.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.exemptions import ExemptionBasis


class Outcome(models.TextChoices):
    GRANTED = "予以公开", _("予以公开")
    PARTIAL = "部分公开", _("部分公开")
    STATE_SECRET = "不予公开-属于国家秘密", _("不予公开-属于国家秘密")
    PROHIBITED_BY_LAW = "不予公开-其他法律行政法规禁止公开", _("不予公开-其他法律行政法规禁止公开")
    SECURITY_STABILITY = "不予公开-危及“三安全一稳定”", _("不予公开-危及“三安全一稳定”")
    THIRD_PARTY = "不予公开-保护第三方合法权益", _("不予公开-保护第三方合法权益")
    INTERNAL_AFFAIRS = "不予公开-属于三类内部事务信息", _("不予公开-属于三类内部事务信息")
    PROCESS_INFORMATION = "不予公开-属于四类过程性信息", _("不予公开-属于四类过程性信息")
    ENFORCEMENT_FILE = "不予公开-属于行政执法案卷", _("不予公开-属于行政执法案卷")
    ADMINISTRATIVE_QUERY = "不予公开-属于行政查询事项", _("不予公开-属于行政查询事项")
    NOT_HELD = "无法提供-本机关不掌握相关政府信息", _("无法提供-本机关不掌握相关政府信息")
    NEEDS_CREATION = "无法提供-没有现成信息需要另行制作", _("无法提供-没有现成信息需要另行制作")
    UNCLEAR = "无法提供-补正后申请内容仍不明确", _("无法提供-补正后申请内容仍不明确")
    PETITION = "不予处理-信访举报投诉类申请", _("不予处理-信访举报投诉类申请")
    REPEATED = "不予处理-重复申请", _("不予处理-重复申请")
    PUBLICATION = "不予处理-要求提供公开出版物", _("不予处理-要求提供公开出版物")
    EXCESSIVE = "不予处理-无正当理由大量反复申请", _("不予处理-无正当理由大量反复申请")
    CONFIRMATION = "不予处理-要求行政机关确认或重新出具已获取信息", _("不予处理-要求行政机关确认或重新出具已获取信息")
    NO_CORRECTION = "其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _("其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    UNPAID_FEE = "其他处理-申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _("其他处理-申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "其他处理-其他", _("其他处理-其他")


@dataclass(frozen=True)
class Answer:
    code: str
    label: str
    sentence: str  # what the 答复书 tells the applicant ({第三十六条答复})


A = Answer
PUBLISHED = A("36-1", _("第三十六条第（一）项：已经主动公开，告知获取的方式、途径"),
              "您申请公开的政府信息已经主动公开，根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，"
              "现告知获取该政府信息的方式、途径：{答复内容}")
DISCLOSABLE = A("36-2", _("第三十六条第（二）项：可以公开，提供或告知获取的方式、途径和时间"),
                "经审查，您申请公开的政府信息属于可以公开的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条"
                "第（二）项的规定，{答复内容}")
WITHHELD = A("36-3", _("第三十六条第（三）项：不予公开，说明理由"), "")
NONEXISTENT = A("36-4", _("第三十六条第（四）项：经检索没有，告知该政府信息不存在"),
                "经检索，本机关未制作或者获取您申请公开的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条"
                "第（四）项的规定，告知您该政府信息不存在。{答复内容}")
NOT_OURS = A("36-5", _("第三十六条第（五）项：不属于本机关负责公开，说明理由并告知负责机关"),
             "您申请公开的政府信息不属于本机关负责公开，根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定"
             "告知如下：{答复内容}{负责机关}")
REPEATED_ANSWER = A("36-6", _("第三十六条第（六）项：重复申请，不予重复处理"), "")
SPECIAL_RULES = A("36-7", _("第三十六条第（七）项：法律、行政法规对获取有特别规定"),
                  "您申请公开的信息属于有关法律、行政法规对信息的获取有特别规定的情形，根据《中华人民共和国政府信息公开条例》"
                  "第三十六条第（七）项的规定，请依照有关法律、行政法规的规定办理。{答复内容}")
SEPARABLE = A("37", _("第三十七条：区分处理，提供可以公开的部分并说明不予公开部分的理由"), "")
NO_CREATION = A("38", _("第三十八条：需要另行制作或加工、分析，不予提供"), "")
UNCLEAR_AFTER_CORRECTION = A("30", _("第三十条：补正后申请内容仍不明确"), "")
ABANDONED_CORRECTION = A("30-abandon", _("第三十条：逾期不补正，视为放弃申请"), "")
PETITION_ANSWER = A("39-1", _("第三十九条第一款：信访、投诉、举报，不作为政府信息公开申请处理"), "")
PUBLICATION_ANSWER = A("39-2", _("第三十九条第二款：要求提供公开出版物，告知获取途径"), "")
EXCESSIVE_ANSWER = A("35", _("第三十五条：申请理由不合理，不予处理"), "")
CONFIRMATION_ANSWER = A("confirm", _("要求确认或重新出具已获取的信息，不作为政府信息公开申请处理"), "")
UNPAID_ANSWER = A("fee-abandon", _("国办函〔2020〕109号：逾期未缴纳信息处理费，视为放弃申请"), "")
OTHER_ANSWER = A("other", _("其他处理（在答复内容中说明依据）"), "{答复内容}")
# 申请人撤回 is not a reply: the case closes by the applicant's act (services.interruptions.withdraw) and
# counts as 其他处理-其他 (table 3 （六）其他处理); it is never offered when drafting a reply.
WITHDRAWN_ANSWER = A("withdrawn", _("申请人撤回申请，终止办理"), "")


@dataclass(frozen=True)
class OutcomeSpec:
    label: str
    key: str  # annual-report.md table 3 row key
    answers: tuple[Answer, ...]
    basis: str = ""  # the ExemptionBasis (条例第十四条至第十六条) a 不予公开 of this row rests on
    withholds: bool = False  # applies an exemption: basis and a reviewer's explicit confirmation (最小化适用)
    partial: bool = False  # lists the withheld parts and their reasons (第三十七条)

    @property
    def group(self) -> str:
        return self.label.split("-", 1)[0]

    @property
    def letter_key(self) -> str:
        return f"requests.reply.{self.key}"

    def answer(self, code: str | None) -> Answer:
        for answer in self.answers:
            if answer.code == code:
                return answer
        return self.answers[0]


Out, W = Outcome, ExemptionBasis
OUTCOMES: dict[str, OutcomeSpec] = {spec.label: spec for spec in [
    OutcomeSpec(Out.GRANTED, "granted", (DISCLOSABLE, PUBLISHED)),
    OutcomeSpec(Out.PARTIAL, "partially_granted", (SEPARABLE,), withholds=True, partial=True),
    OutcomeSpec(Out.STATE_SECRET, "withheld_state_secret", (WITHHELD,), W.STATE_SECRET, withholds=True),
    OutcomeSpec(Out.PROHIBITED_BY_LAW, "withheld_prohibited_by_law", (WITHHELD,), W.PROHIBITED_BY_LAW, withholds=True),
    OutcomeSpec(Out.SECURITY_STABILITY, "withheld_security_stability", (WITHHELD,), W.SECURITY_STABILITY, withholds=True),
    OutcomeSpec(Out.THIRD_PARTY, "withheld_third_party", (WITHHELD,), W.THIRD_PARTY, withholds=True),
    OutcomeSpec(Out.INTERNAL_AFFAIRS, "withheld_internal_affairs", (WITHHELD,), W.INTERNAL_AFFAIRS, withholds=True),
    OutcomeSpec(Out.PROCESS_INFORMATION, "withheld_process_information", (WITHHELD,), W.PROCESS_INFORMATION, withholds=True),
    OutcomeSpec(Out.ENFORCEMENT_FILE, "withheld_enforcement_file", (WITHHELD,), W.ENFORCEMENT_FILE, withholds=True),
    OutcomeSpec(Out.ADMINISTRATIVE_QUERY, "withheld_administrative_query", (WITHHELD,), W.OTHER_LAW, withholds=True),
    OutcomeSpec(Out.NOT_HELD, "unavailable_not_held", (NONEXISTENT, NOT_OURS)),
    OutcomeSpec(Out.NEEDS_CREATION, "unavailable_needs_creation", (NO_CREATION,)),
    OutcomeSpec(Out.UNCLEAR, "unavailable_unclear", (UNCLEAR_AFTER_CORRECTION,)),
    OutcomeSpec(Out.PETITION, "not_processed_petition", (PETITION_ANSWER,)),
    OutcomeSpec(Out.REPEATED, "not_processed_repeated", (REPEATED_ANSWER,)),
    OutcomeSpec(Out.PUBLICATION, "not_processed_publication", (PUBLICATION_ANSWER,)),
    OutcomeSpec(Out.EXCESSIVE, "not_processed_excessive", (EXCESSIVE_ANSWER,)),
    OutcomeSpec(Out.CONFIRMATION, "not_processed_confirmation", (CONFIRMATION_ANSWER,)),
    OutcomeSpec(Out.NO_CORRECTION, "other_no_correction", (ABANDONED_CORRECTION,)),
    OutcomeSpec(Out.UNPAID_FEE, "other_unpaid_fee", (UNPAID_ANSWER,)),
    OutcomeSpec(Out.OTHER, "other_other", (SPECIAL_RULES, OTHER_ANSWER)),
]}
assert len(OUTCOMES) == 21

WITHDRAWAL_OUTCOME = Outcome.OTHER

# The two outcomes a case reaches by the applicant's silence (视为放弃), not by a drafted reply.
ABANDONMENT_OUTCOMES = {Out.NO_CORRECTION, Out.UNPAID_FEE}

# Short forms units write in their ledgers (annual-report.md), and the ASCII quotes of 三安全一稳定.
ALIASES = {
    "其他处理-逾期不补正": Out.NO_CORRECTION,
    "其他处理-逾期未缴费": Out.UNPAID_FEE,
    "其他处理-申请人撤回": Out.OTHER,
    '不予公开-危及"三安全一稳定"': Out.SECURITY_STABILITY,
}


# Dashes a spreadsheet may hold where the label has its ASCII hyphen (WPS and Word turn 「-」 into 「－」 or 「—」).
# A Chinese input method types the dash as 「——」 (two em dashes): a run of dashes reads as one hyphen.
_DASHES = str.maketrans({"－": "-", "‐": "-", "‑": "-", "–": "-", "—": "-", "―": "-", "−": "-"})
_DASH_RUN = re.compile(r"-{2,}")


def parse_outcome(text: str) -> str | None:
    """The canonical label for `text` as written in a ledger, or None; a full-width or typographic dash
    reads as the label's hyphen (不予公开－保护第三方合法权益)."""
    text = _DASH_RUN.sub("-", (text or "").strip().translate(_DASHES))
    if text in OUTCOMES:
        return text
    return ALIASES.get(text)


def spec(label: str) -> OutcomeSpec:
    return OUTCOMES[label]
