"""The figures of a unit's or the county's year and the 办理总体情况: generated, edited, published."""

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.sanitize import html_to_text
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.proposals.models import Classification, Kind, Proposal, Summary
from gongkai.proposals.services.common import clean_rich_text, is_keeper, purge_public


def percent(part: int, whole: int) -> str:
    if not whole:
        return "0"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


def figures(year: int, organization: Organization | None, today: dt.date | None = None) -> dict:
    """The numbers of a unit's (主办) or the county's proposals of `year`. Shares are of the replied ones."""
    today = today or timezone.localdate()
    proposals = Proposal.objects.filter(year=year)
    co_handled = 0
    if organization is not None:
        co_handled = proposals.filter(co_units=organization).exclude(lead_unit=organization).count()
        proposals = proposals.filter(lead_unit=organization)
    rows = list(proposals)
    replied = [p for p in rows if p.state == Proposal.State.REPLIED]
    result = {
        "total": len(rows),
        "suggestions": sum(p.kind == Kind.SUGGESTION for p in rows),
        "proposals": sum(p.kind == Kind.PROPOSAL for p in rows),
        "co_handled": co_handled,
        "replied": len(replied),
        "on_time": sum(bool(p.on_time) for p in replied),
        "overdue_open": sum(p.overdue_on(today) for p in rows),
        "adopted": sum(p.adopted for p in replied),
        "published": sum(p.is_public for p in rows),
    }
    for letter in Classification.values:
        result[letter] = sum(p.classification == letter for p in replied)
        result[f"{letter}_share"] = percent(result[letter], len(replied))
    result["on_time_share"] = percent(result["on_time"], len(replied))
    result["adopted_share"] = percent(result["adopted"], len(replied))
    return result


def summary_text(year: int, organization: Organization | None, numbers: dict) -> str:
    who = _("本单位") if organization is not None else _("全县各承办单位")
    paragraphs = [
        _("%(year)s年，%(who)s共主办人大代表建议%(s)d件、政协提案%(p)d件，合计%(t)d件。") % {
            "year": year, "who": who, "s": numbers["suggestions"], "p": numbers["proposals"], "t": numbers["total"]},
        _("已答复%(r)d件，其中按期答复%(o)d件（占%(os)s%%）。") % {
            "r": numbers["replied"], "o": numbers["on_time"], "os": numbers["on_time_share"]},
        _("从办理结果看，所提问题已解决或基本解决的（A类）%(a)d件，占%(as)s%%；正在解决或列入计划解决的（B类）%(b)d件，"
          "占%(bs)s%%；因条件限制暂时不能解决的（C类）%(c)d件，占%(cs)s%%。") % {
            "a": numbers["A"], "as": numbers["A_share"], "b": numbers["B"], "bs": numbers["B_share"],
            "c": numbers["C"], "cs": numbers["C_share"]},
        _("代表、委员的意见建议被吸收采纳%(n)d件，占已答复件数的%(s)s%%。") % {
            "n": numbers["adopted"], "s": numbers["adopted_share"]},
    ]
    if organization is not None and numbers["co_handled"]:
        paragraphs.insert(1, _("另协办建议提案%(n)d件。") % {"n": numbers["co_handled"]})
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def can_publish_summary(user, organization_id: int | None) -> bool:
    """The county's summary: the register keeper; a unit's: its 审核员 or 单位管理员."""
    if organization_id is None:
        return is_keeper(user)
    return has_perm(user, "proposal.publish", organization_id)


def can_edit_summary(user, organization_id: int | None) -> bool:
    if organization_id is None:
        return is_keeper(user)
    return has_perm(user, "proposal.reply", organization_id) or has_perm(user, "proposal.publish", organization_id)


class SummaryEdited(ActionRefused):
    """The draft's text was edited by the unit: regenerating needs its choice (keep the text or replace it)."""


ASK, KEEP_TEXT, REPLACE_TEXT = "ask", "keep", "replace"


def text_version(summary: Summary) -> str:
    """A short digest of the draft's text: the confirm page carries it, so that a 重新起草 chosen there never
    overwrites an edit saved after the page was shown."""
    return hashlib.sha256(summary.body.encode()).hexdigest()[:16]


@transaction.atomic
def generate_summary(actor, year: int, organization: Organization | None, request=None, edited_text: str = ASK,
                     seen_text: str | None = None) -> Summary:
    """Create (or, while a draft, regenerate) the year's summary with today's figures and a drafted text.

    A draft whose text the unit has edited is not overwritten silently: with `edited_text` ASK it is refused
    (SummaryEdited); KEEP_TEXT renews the figures only; REPLACE_TEXT drafts the text anew — unless `seen_text`
    (text_version of the text the unit saw when it chose) no longer matches: then it is asked again."""
    organization_id = organization.pk if organization is not None else None
    if actor is not None and not can_edit_summary(actor, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    numbers = figures(year, organization)
    summary = Summary.objects.select_for_update().filter(year=year, organization=organization).order_by("pk").first()
    if summary is not None and summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开，不能重新生成。"))
    if summary is None:
        summary = Summary(year=year, organization=organization)
    keep = summary.edited and edited_text == KEEP_TEXT
    if summary.edited and edited_text not in (KEEP_TEXT, REPLACE_TEXT):
        raise SummaryEdited(_("正文已经修改过，重新生成会覆盖修改后的正文。"))
    if summary.edited and edited_text == REPLACE_TEXT and seen_text is not None and seen_text != text_version(summary):
        raise SummaryEdited(_("正文在您确认期间又被修改过，请查看后重新选择。"))
    summary.figures = numbers
    if not keep:
        summary.body, summary.edited = summary_text(year, organization, numbers), False
    summary.save()
    record(actor, "proposal.summary_generate", summary, organization=organization, after=numbers,
           note=_("保留了单位修改的正文") if keep else "", request=request)
    return summary


@transaction.atomic
def edit_summary(actor, summary: Summary, body: str, request=None) -> Summary:
    summary = Summary.objects.select_for_update().get(pk=summary.pk)
    if actor is not None and not can_edit_summary(actor, summary.organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    if summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开，不能修改。"))
    body = clean_rich_text(body, _("正文"))
    if not body:
        raise ActionRefused(_("请填写正文。"))
    before = {"body": html_to_text(summary.body)}
    summary.body, summary.edited = body, True
    summary.save()
    record(actor, "proposal.summary_edit", summary, organization=summary.organization, before=before,
           after={"body": html_to_text(body)}, request=request)
    return summary


@transaction.atomic
def publish_summary(actor, summary: Summary, request=None) -> Summary:
    summary = Summary.objects.select_for_update().get(pk=summary.pk)
    if actor is not None and not can_publish_summary(actor, summary.organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    if summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开。"))
    summary.state, summary.published_at = Summary.State.PUBLISHED, timezone.now()
    summary.save()
    record(actor, "proposal.summary_publish", summary, organization=summary.organization,
           before={"state": Summary.State.DRAFT}, after={"state": summary.state}, request=request)
    purge_public(summary.year)
    return summary
