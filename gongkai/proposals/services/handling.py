"""The register by hand and the 主办 unit's 答复: register, correct, reply, publish or withhold the 复文."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused
from gongkai.proposals.models import Classification, Proposal
from gongkai.proposals.services.common import (
    check_values,
    clean_rich_text,
    purge_public,
    refuse_personal_numbers,
    require,
    require_keeper,
    save_new,
    snapshot,
)


@transaction.atomic
def register(actor, data: dict, request=None) -> Proposal:
    """Add one 建议/提案 to the register (the county office, from the congress's 交办 list)."""
    values = check_values(data)
    require_keeper(actor, [values["lead_unit"].pk])
    proposal = save_new(values)
    record(actor, "proposal.register", proposal, organization=proposal.lead_unit, after=snapshot(proposal),
           request=request)
    purge_public(proposal.year)  # the public register lists every row, replied or not
    return proposal


@transaction.atomic
def update_register(actor, proposal: Proposal, data: dict, request=None) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    values = check_values(data)
    require_keeper(actor, [proposal.lead_unit_id, values["lead_unit"].pk])
    if proposal.replied_on is not None and values["assigned_on"] > proposal.replied_on:
        raise ActionRefused(_("交办日期不能晚于答复日期（%(day)s）。") % {"day": proposal.replied_on.isoformat()})
    before = snapshot(proposal)
    co_units = values.pop("co_units")
    for name, value in values.items():
        setattr(proposal, name, value)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise ActionRefused(_("该编号已在登记册中。")) from exc
    proposal.co_units.set(co_units)
    record(actor, "proposal.update", proposal, organization=proposal.lead_unit, before=before,
           after=snapshot(proposal), request=request)
    purge_public(proposal.year)  # the public register shows its title, its unit and its state
    return proposal


@transaction.atomic
def reply(actor, proposal: Proposal, data: dict, request=None) -> Proposal:
    """The 主办 unit's 答复: the text, its date, the A/B/C class and whether the suggestions were adopted.
    A reply may be corrected until the 复文 is published."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require(actor, "proposal.reply", proposal.lead_unit_id)
    if proposal.is_public:
        raise ActionRefused(_("复文已公开，不能再修改答复。"))
    body = clean_rich_text(data.get("reply"), _("答复内容"))
    if not body:
        raise ActionRefused(_("请填写答复内容。"))
    replied_on = data.get("replied_on")
    if not isinstance(replied_on, dt.date):
        raise ActionRefused(_("请填写答复日期。"))
    if replied_on < proposal.assigned_on:
        raise ActionRefused(_("答复日期不能早于交办日期。"))
    if replied_on > timezone.localdate():
        raise ActionRefused(_("答复日期不能晚于今天。"))
    if data.get("classification") not in Classification.values:
        raise ActionRefused(_("请选择办理结果分类（A、B、C类）。"))
    before = snapshot(proposal)
    proposal.reply, proposal.replied_on = body, replied_on
    proposal.classification, proposal.adopted = data["classification"], bool(data.get("adopted"))
    proposal.state = Proposal.State.REPLIED
    proposal.save()
    record(actor, "proposal.reply", proposal, organization=proposal.lead_unit, before=before,
           after=snapshot(proposal) | {"replied_on": str(replied_on)}, request=request)
    purge_public(proposal.year)  # the register shows 已答复 and the class
    return proposal


@transaction.atomic
def publish_reply(actor, proposal: Proposal, request=None) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require(actor, "proposal.publish", proposal.lead_unit_id)
    if proposal.state != Proposal.State.REPLIED:
        raise ActionRefused(_("尚未答复，不能公开复文。"))
    if proposal.is_public:
        raise ActionRefused(_("复文已公开。"))
    before = snapshot(proposal)
    proposal.disclosure, proposal.withheld_reason = Proposal.Disclosure.PUBLIC, ""
    proposal.published_at = timezone.now()
    proposal.save()
    record(actor, "proposal.publish", proposal, organization=proposal.lead_unit, before=before,
           after=snapshot(proposal), request=request)
    purge_public(proposal.year)
    return proposal


@transaction.atomic
def withhold_reply(actor, proposal: Proposal, reason: str, request=None) -> Proposal:
    """Record that the 复文 is not published, and why (shown in the register, never the reply itself)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require(actor, "proposal.publish", proposal.lead_unit_id)
    if proposal.state != Proposal.State.REPLIED:
        raise ActionRefused(_("尚未答复，无需决定复文是否公开。"))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请填写不公开的理由。"))
    # The reason is published in the register: checked as its 标题 is (no control character, no ID or mobile
    # number), and refused rather than cut when longer than its column.
    label = _("不公开的理由")
    if CONTROL_CHARS.search(reason):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    refuse_personal_numbers(reason, label, mobiles=True)
    limit = Proposal._meta.get_field("withheld_reason").max_length
    if len(reason) > limit:
        raise ActionRefused(_("“%(field)s”不能超过%(n)d个字（现有%(len)d个字）。") % {
            "field": label, "n": limit, "len": len(reason)})
    before = snapshot(proposal)
    proposal.disclosure, proposal.withheld_reason, proposal.published_at = Proposal.Disclosure.WITHHELD, reason, None
    proposal.save()
    record(actor, "proposal.withhold", proposal, organization=proposal.lead_unit, before=before,
           after=snapshot(proposal), request=request)
    purge_public(proposal.year)  # the register shows the reason (and no longer links a 复文 taken off)
    return proposal
