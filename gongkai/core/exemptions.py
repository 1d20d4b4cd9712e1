"""The grounds of 不予公开 (条例第十四条至第十六条): one enumeration for the whole platform.

An information item's 公开方式 「不予公开」 (publishing) and a 依申请公开 case's 不予公开 or 部分公开 answer
(requests: the case's basis, each withheld part's basis, the 答复书) choose from these same values. Each
basis names the article and paragraph it rests on (`citation`, the words the 答复书 quote) and the
annual report's 不予公开 row it is counted in (requests.outcomes maps the row to its default basis).

It lives in `core` because both `publishing` and `requests` use it and `publishing` may not import
`requests` (tests/test_architecture.py).
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExemptionBasis(models.TextChoices):
    """第十四条 (three grounds), 第十五条, 第十六条第一款, 第十六条第二款 (two grounds), and the
    不予公开 the annual report counts as 行政查询事项, which rests on another law or regulation."""

    STATE_SECRET = "art14_secret", _("第十四条：依法确定为国家秘密")
    PROHIBITED_BY_LAW = "art14_law", _("第十四条：法律、行政法规禁止公开")
    SECURITY_STABILITY = "art14_security", _("第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定")
    THIRD_PARTY = "art15_third_party", _("第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益")
    INTERNAL_AFFAIRS = "art16_internal", _("第十六条第一款：内部事务信息")
    PROCESS_INFORMATION = "art16_process", _("第十六条第二款：过程性信息")
    ENFORCEMENT_FILE = "art16_enforcement", _("第十六条第二款：行政执法案卷信息")
    OTHER_LAW = "other", _("其他法律、行政法规")


# The article (and paragraph) each basis rests on, as a 答复书 quotes it: statutory text, not translated.
CITATIONS: dict[str, str] = {
    ExemptionBasis.STATE_SECRET: "第十四条",
    ExemptionBasis.PROHIBITED_BY_LAW: "第十四条",
    ExemptionBasis.SECURITY_STABILITY: "第十四条",
    ExemptionBasis.THIRD_PARTY: "第十五条",
    ExemptionBasis.INTERNAL_AFFAIRS: "第十六条第一款",
    ExemptionBasis.PROCESS_INFORMATION: "第十六条第二款",
    ExemptionBasis.ENFORCEMENT_FILE: "第十六条第二款",
    ExemptionBasis.OTHER_LAW: "其他法律、行政法规",
}
assert set(CITATIONS) == set(ExemptionBasis.values)

# Longest stored value; the model fields that hold a basis use it as max_length.
MAX_LENGTH = 24

# The 条例 itself, as a letter names it before one of its articles.
REGULATION = "《中华人民共和国政府信息公开条例》"
# Bases that are not an article of the 条例: whoever applies one names the law or regulation and its
# article (「《不动产登记资料查询暂行办法》第二十条」), and a letter cites that instead of the 条例.
OUTSIDE_REGULATION = frozenset({ExemptionBasis.OTHER_LAW})
# The longest such citation the model fields hold.
LAW_MAX_LENGTH = 300
# A cited law or regulation carries its name in 书名号.
_NAMED_LAW = re.compile(r"《[^《》]+》")


def citation(basis: str) -> str:
    """The article a basis rests on (「第十六条第二款」), or "" for no basis."""
    return CITATIONS.get(basis, "")


def needs_law(basis: str) -> bool:
    """Whether the basis rests on another law or regulation that must be named (OUTSIDE_REGULATION)."""
    return basis in OUTSIDE_REGULATION


def names_a_law(text: str) -> bool:
    """Whether `text` names a law or regulation (in 书名号), as a citation outside the 条例 must."""
    return bool(_NAMED_LAW.search(text or ""))


def cited_article(basis: str, law: str = "") -> str:
    """The provision as a letter's table cites it: the 条例's article (「第十五条」), or for a basis outside
    the 条例 the law and article the handler named (never the bare words 「其他法律、行政法规」)."""
    return law.strip() if needs_law(basis) else citation(basis)
