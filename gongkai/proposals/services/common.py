"""What the proposals services share: permission checks with a Chinese reason, the checked values of a
register row, its audit snapshot, saving a new row, and purging the public pages."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.masking import personal_number_kind
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.proposals.models import MAX_NUMBER, Kind, Proposal

TEXT_FIELDS = (("title", gettext_lazy("标题")), ("proposers", gettext_lazy("代表/委员")))


def require(actor, perm: str, organization_id: int | None) -> None:
    if actor is None:  # the demo loader runs as the system
        return
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))


def is_keeper(user) -> bool:
    """Whether the user keeps the register (政务公开办 on the county government: `proposal.register` on the
    units below it)."""
    return bool(organization_ids_with(user, "proposal.register"))


def require_keeper(actor, lead_unit_ids) -> None:
    if actor is None:
        return
    allowed = organization_ids_with(actor, "proposal.register")
    if not allowed or not set(lead_unit_ids) <= allowed:
        raise ActionRefused(_("建议提案登记册由县政府办公室（政务公开办）维护，您没有该单位的登记权限。"))


def purge_public(year: int) -> None:
    from gongkai.core import pagecache

    prefix = reverse("proposals:index")
    transaction.on_commit(lambda: pagecache.purge(["/", prefix], [prefix]) if pagecache.enabled() else None)


def check_values(data: dict) -> dict:
    try:
        year, number = int(data["year"]), int(data["number"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ActionRefused(_("年度和编号须为正整数。")) from exc
    if not (2000 <= year <= 2100) or number < 1:
        raise ActionRefused(_("年度和编号须为正整数。"))
    if number > MAX_NUMBER:
        raise ActionRefused(_("编号不能大于%(max)d。") % {"max": MAX_NUMBER})
    if data.get("kind") not in Kind.values:
        raise ActionRefused(_("类别须为“人大代表建议”或“政协提案”。"))
    title, proposers = (data.get("title") or "").strip(), (data.get("proposers") or "").strip()
    if not title or not proposers:
        raise ActionRefused(_("请填写标题和代表/委员。"))
    for (name, label), text in zip(TEXT_FIELDS, (title, proposers), strict=True):
        limit = Proposal._meta.get_field(name).max_length
        if CONTROL_CHARS.search(text):
            raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
        refuse_personal_numbers(text, label, mobiles=True)
        if len(text) > limit:  # refused as the hand form does, never cut short
            raise ActionRefused(_("“%(field)s”不能超过%(n)d个字（现有%(len)d个字）。") % {
                "field": label, "n": limit, "len": len(text)})
    assigned_on = data.get("assigned_on")
    if not isinstance(assigned_on, dt.date):
        raise ActionRefused(_("请填写交办日期。"))
    if assigned_on.year not in (year, year + 1):
        raise ActionRefused(_("交办日期须在该年度内（或次年初）。"))
    if assigned_on > timezone.localdate():
        raise ActionRefused(_("交办日期不能晚于今天。"))
    lead = data.get("lead_unit")
    if not isinstance(lead, Organization):
        raise ActionRefused(_("请选择主办单位。"))
    co_units = [o for o in data.get("co_units") or [] if o.pk != lead.pk]
    return {"year": year, "kind": data["kind"], "number": number, "title": title, "proposers": proposers,
            "lead_unit": lead, "assigned_on": assigned_on, "complex": bool(data.get("complex")), "co_units": co_units}


def refuse_personal_numbers(text: str, label, mobiles: bool) -> None:
    """A field published with the 复文 never holds a 居民身份证号码; nor a personal mobile number where
    `mobiles` (the register's 标题 and 代表/委员). A 复文 may name its contact's mobile: it is masked when
    shown (public_text), never refused."""
    kind = personal_number_kind(text)
    if kind == "id":
        raise ActionRefused(_("“%(field)s”不得包含居民身份证号码（该内容向社会公开）。") % {"field": label})
    if kind == "mobile" and mobiles:
        raise ActionRefused(_("“%(field)s”不得包含个人手机号码（该内容向社会公开）。") % {"field": label})


def clean_rich_text(raw: str, label) -> str:
    """A 复文 or 总体情况 body as stored: sanitized, and refused when it holds a control character (a feed
    cannot carry one, a page shows it as ▯) or a 居民身份证号码. '' when it has no text."""
    body = sanitize_html(raw or "")
    text = html_to_text(body)
    if CONTROL_CHARS.search(body) or CONTROL_CHARS.search(text):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    refuse_personal_numbers(text, label, mobiles=False)
    return body if text else ""


def snapshot(proposal: Proposal) -> dict:
    return {"year": proposal.year, "kind": proposal.kind, "number": proposal.number, "title": proposal.title,
            "proposers": proposal.proposers, "lead_unit": proposal.lead_unit_id,
            "assigned_on": str(proposal.assigned_on), "complex": proposal.complex, "state": proposal.state,
            "classification": proposal.classification, "adopted": proposal.adopted,
            "disclosure": proposal.disclosure, "withheld_reason": proposal.withheld_reason}


def save_new(values: dict) -> Proposal:
    co_units = values.pop("co_units")
    proposal = Proposal(**values)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise ActionRefused(_("%(year)s年%(kind)s第%(number)s号已在登记册中。") % {
            "year": values["year"], "kind": Kind(values["kind"]).label, "number": values["number"]}) from exc
    proposal.co_units.set(co_units)
    return proposal
