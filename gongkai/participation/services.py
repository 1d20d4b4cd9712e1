"""Consultations (征求意见): the period rule, publication, extension, comments and their moderation,
涉企 invitations, and the 意见收集采纳情况 (in gongkai/participation/outcome.py; its verbs are exported here
too). One function per verb; every staff action is audited.

The lifecycle (docs/participation.md): 未发布 → 已发布 (before its opening date: 即将开始; then 征求意见中
until the closing date, which an extension moves; then 已结束) → 采纳情况已发布. The page stays.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.audit.services import record, snapshot
from gongkai.core import typed
from gongkai.core.forms import date_in_range, date_range_message, is_plain_text, plain_text_message
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.participation import paragraphs
from gongkai.participation.common import catalog_owner_ids, clean_text, refresh_public_pages, require
from gongkai.participation.models import (
    Adoption,
    Channel,
    Comment,
    Consultation,
    Extension,
    Invitation,
    PublishState,
)
from gongkai.participation.outcome import (  # noqa: F401 (services.publish_outcome etc., as before)
    link_decision,
    outcome_summary,
    publish_outcome,
    withhold_from_outcome,
)
from gongkai.workdays.statute import CONSULTATION_MIN_DAYS

COMMENT_MAX_CHARS = 2000
# A platform rule, not statutory (the statute sets only the minimum, CONSULTATION_MIN_DAYS): a 征求意见 runs
# for weeks, at most months; a period over a year, extensions included, is a mistyped date.
CONSULTATION_MAX_DAYS = 365
NAME_MAX_CHARS = 50
CONTACT_MAX_CHARS = 100
# Web code pasted into a citizen's text: a whole tag (<script>, </p>, <img src=x onerror=…>), a comment or
# a javascript: link. A lone "<" is ordinary writing ("a<b", "PM2.5<PM10") and stays; every text is
# escaped when shown anyway.
MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!|javascript:", re.IGNORECASE)
CONSULTATION_FIELDS = ("title", "draft", "explanation", "opens_on", "closes_on", "short_period_reason", "email",
                       "postal_address", "fax", "contact", "enterprise_related", "entry")


# --- the period ---------------------------------------------------------------------------------------
def check_period(opens_on: dt.date, closes_on: dt.date, reason: str) -> None:
    """公开征求意见的期限一般不少于30日 (statute.CONSULTATION_MIN_DAYS): shorter only with a stated reason."""
    if not opens_on or not closes_on:
        raise ActionRefused(_("请填写征求意见的开始日期和截止日期。"))
    if not (date_in_range(opens_on) and date_in_range(closes_on)):
        raise ActionRefused(date_range_message())
    if closes_on < opens_on:
        raise ActionRefused(_("截止日期不能早于开始日期。"))
    days = (closes_on - opens_on).days + 1
    check_longest(days)
    if days < CONSULTATION_MIN_DAYS and not (reason or "").strip():
        raise ActionRefused(_(
            "征求意见期限为%(days)s日，少于%(min)s日。公开征求意见的期限一般不少于%(min)s日；"
            "因情况紧急等原因需要缩短的，请填写理由，理由将在征求意见页面公开。") % {"days": days, "min": CONSULTATION_MIN_DAYS})


def check_longest(days: int) -> None:
    if days > CONSULTATION_MAX_DAYS:
        raise ActionRefused(_("征求意见期限为%(days)s日，超过%(max)s日，请核对开始日期和截止日期。") % {
            "days": days, "max": CONSULTATION_MAX_DAYS})


def _values(data: dict) -> dict:
    values = {name: data.get(name) for name in CONSULTATION_FIELDS if name in data}
    values["title"] = clean_text(values.get("title"), 200)
    if not values["title"]:
        raise ActionRefused(_("请填写标题。"))
    values["draft"] = sanitize_html(values.get("draft") or "")
    if not html_to_text(values["draft"]).strip():
        raise ActionRefused(_("请填写草案全文。"))
    values["explanation"] = sanitize_html(values.get("explanation") or "")
    values["short_period_reason"] = (values.get("short_period_reason") or "").strip()
    check_period(values.get("opens_on"), values.get("closes_on"), values["short_period_reason"])
    if (values["closes_on"] - values["opens_on"]).days + 1 >= CONSULTATION_MIN_DAYS:
        values["short_period_reason"] = ""
    return values


@transaction.atomic
def create_consultation(actor, organization, data: dict, request=None) -> Consultation:
    require(actor, "participation.manage", organization.id)
    values = _values(data)
    if values.get("entry") is not None and values["entry"].catalog.organization_id not in catalog_owner_ids(organization):
        raise ActionRefused(_("只能关联本单位或上级政府目录中的重大行政决策事项。"))
    consultation = Consultation.objects.create(organization=organization, **values)
    record(actor, "participation.create_consultation", consultation, organization=organization,
           after=snapshot(consultation, ["title", "opens_on", "closes_on", "short_period_reason"]), request=request)
    return consultation


@transaction.atomic
def update_consultation(actor, consultation: Consultation, data: dict, request=None) -> Consultation:
    require(actor, "participation.manage", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state == PublishState.PUBLISHED:
        raise ActionRefused(_("征求意见已发布，不能再修改草案和期限；需要更长时间的，请使用“延长征求意见期限”。"))
    before = snapshot(consultation)
    values = _values(data)
    if values.get("entry") is not None and values["entry"].catalog.organization_id not in catalog_owner_ids(
            consultation.organization):
        raise ActionRefused(_("只能关联本单位或上级政府目录中的重大行政决策事项。"))
    for name, value in values.items():
        setattr(consultation, name, value)
    consultation.save()
    record(actor, "participation.update_consultation", consultation, organization=consultation.organization,
           before=before, after=snapshot(consultation), request=request)
    return consultation


@transaction.atomic
def publish_consultation(actor, consultation: Consultation, request=None) -> Consultation:
    require(actor, "participation.publish", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state == PublishState.PUBLISHED:
        raise ActionRefused(_("征求意见已经发布。"))
    if consultation.closes_on < timezone.localdate():
        raise ActionRefused(_("截止日期已过，请先修改征求意见的期限。"))
    check_period(consultation.opens_on, consultation.closes_on, consultation.short_period_reason)
    consultation.state, consultation.published_at = PublishState.PUBLISHED, timezone.now()
    consultation.save(update_fields=["state", "published_at", "updated_at"])
    entry = consultation.entry
    if entry is not None and entry.status == entry.Status.PLANNED:
        entry.status = entry.Status.CONSULTING
        entry.save(update_fields=["status", "updated_at"])
    record(actor, "participation.publish_consultation", consultation, organization=consultation.organization,
           request=request)
    refresh_public_pages()
    return consultation


@transaction.atomic
def extend(actor, consultation: Consultation, new_closes_on: dt.date, reason: str, request=None) -> Extension:
    """Extending a running consultation: the new closing date and the reason are shown on its page."""
    require(actor, "participation.publish", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state != PublishState.PUBLISHED or consultation.outcome_published_at:
        raise ActionRefused(_("只能延长已发布、尚未公布采纳情况的征求意见。"))
    if consultation.closes_on < timezone.localdate():
        raise ActionRefused(_("征求意见已经截止，不能再延长。"))
    if not new_closes_on or new_closes_on <= consultation.closes_on:
        raise ActionRefused(_("延长后的截止日期须晚于原截止日期（%(date)s）。") % {"date": consultation.closes_on})
    check_longest((new_closes_on - consultation.opens_on).days + 1)
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请填写延长理由，理由将在征求意见页面公开。"))
    extension = Extension.objects.create(consultation=consultation, old_closes_on=consultation.closes_on,
                                         new_closes_on=new_closes_on, reason=reason[:1000])
    before = snapshot(consultation, ["closes_on"])
    consultation.closes_on = new_closes_on
    consultation.save(update_fields=["closes_on", "updated_at"])
    record(actor, "participation.extend", consultation, organization=consultation.organization, before=before,
           after=snapshot(consultation, ["closes_on"]), note=reason, request=request)
    refresh_public_pages()
    return extension


# --- comments -----------------------------------------------------------------------------------------
def _comment_values(consultation: Consultation, data: dict) -> dict:
    body = (data.get("body") or "").strip()
    if not body:
        raise ActionRefused(_("请填写意见内容。"))
    if len(body) > COMMENT_MAX_CHARS:
        raise ActionRefused(_("意见内容不能超过%(max)s字（现为%(n)s字）。内容较多的，请通过电子邮件或信函提交。")
                            % {"max": COMMENT_MAX_CHARS, "n": len(body)})
    if MARKUP.search(body):
        raise ActionRefused(_("意见内容不能包含网页代码（如 <script>），请只填写文字。"))
    if not is_plain_text(body):  # control characters, and the bidi controls that reorder a published text
        raise ActionRefused(plain_text_message(pgettext("public comment", "意见内容")))
    paragraph = data.get("paragraph")
    if paragraph in ("", None, 0, "0"):
        paragraph = None
    else:
        try:
            paragraph = int(paragraph)
        except (TypeError, ValueError) as exc:
            raise ActionRefused(_("所选的段落不存在，请重新选择。")) from exc
        if not 1 <= paragraph <= paragraphs.count(consultation.draft):
            raise ActionRefused(_("所选的段落不存在，请重新选择。"))
    values = {"body": body, "paragraph": paragraph}
    for name, limit in (("name", NAME_MAX_CHARS), ("affiliation", 100), ("contact", CONTACT_MAX_CHARS)):
        value = (data.get(name) or "").strip()
        if len(value) > limit:
            raise ActionRefused(_("填写的内容过长，请精简后再提交。"))
        if MARKUP.search(value):
            raise ActionRefused(_("姓名、单位和联系方式不能包含网页代码。"))
        values[name] = value
    try:
        values["contact"] = typed.validate_contact(values["contact"])
    except ValidationError as error:
        raise ActionRefused(error.messages[0]) from None
    return values


@transaction.atomic
def submit_comment(consultation_id: int, data: dict) -> Comment:
    """A citizen's online comment. Refused after the closing date (the consultation row is locked, so an
    extension or closing cannot race it); the comment waits for moderation."""
    consultation = Consultation.objects.select_for_update().filter(
        pk=consultation_id, state=PublishState.PUBLISHED).first()
    if consultation is None:
        raise ActionRefused(_("没有找到这项征求意见。"))
    today = timezone.localdate()
    if today < consultation.opens_on:
        raise ActionRefused(_("征求意见将于%(date)s开始，届时再提交意见。") % {"date": consultation.opens_on})
    if today > consultation.closes_on or consultation.outcome_published_at:
        raise ActionRefused(_("征求意见已于%(date)s截止，不再接受意见。") % {"date": consultation.closes_on})
    values = _comment_values(consultation, data)
    return Comment.objects.create(consultation=consultation, channel=Channel.ONLINE,
                                  may_publish=bool(data.get("may_publish")), **values)


@transaction.atomic
def record_offline_comment(actor, consultation: Consultation, data: dict, request=None) -> Comment:
    """An opinion received by e-mail, post, fax or at a meeting, entered by staff (counted by channel)."""
    require(actor, "participation.manage", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.outcome_published_at:  # the published outcome's counts would no longer be the record's
        raise ActionRefused(_("采纳情况已经发布，不能再登记意见；发布后收到的意见请另行研究处理。"))
    channel = data.get("channel")
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ActionRefused(_("请选择意见的提交渠道。"))
    values = _comment_values(consultation, data)
    comment = Comment.objects.create(consultation=consultation, channel=channel, may_publish=False,
                                     state=Comment.State.HIDDEN, moderated_at=timezone.now(), **values)
    record(actor, "participation.record_comment", comment, organization=consultation.organization,
           object_repr=consultation.title, request=request)
    return comment


@transaction.atomic
def moderate(actor, comment: Comment, publish: bool, note: str = "", request=None) -> Comment:
    require(actor, "participation.publish", comment.consultation.organization_id)
    comment = Comment.objects.select_for_update().select_related("consultation__organization").get(pk=comment.pk)
    if publish and not comment.may_publish:
        raise ActionRefused(_("提交人未同意公开这条意见，不能公开。"))
    if publish and comment.channel != Channel.ONLINE:
        raise ActionRefused(_("只有网站在线提交的意见可以逐条公开。"))
    before = snapshot(comment, ["state", "moderation_note"])
    comment.state = Comment.State.PUBLISHED if publish else Comment.State.HIDDEN
    comment.moderation_note = "" if publish else clean_text(note, 200)
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["state", "moderation_note", "moderated_at"])
    after = snapshot(comment, ["state", "moderation_note"])
    if not publish and withhold_from_outcome(comment):
        after["outcome"] = "withheld"
    record(actor, "participation.moderate", comment, organization=comment.consultation.organization, before=before,
           after=after, object_repr=comment.consultation.title, request=request)
    refresh_public_pages()
    return comment


@transaction.atomic
def classify(actor, comment: Comment, topic: str, adoption: str, reason: str, request=None) -> Comment:
    """The unit's answer to one comment: its topic (归类) and 采纳 / 部分采纳 / 未采纳 with the reason."""
    require(actor, "participation.manage", comment.consultation.organization_id)
    comment = Comment.objects.select_for_update().select_related("consultation__organization").get(pk=comment.pk)
    if comment.consultation.outcome_published_at:
        raise ActionRefused(_("采纳情况已经发布，不能再修改。"))
    if adoption not in Adoption.values:
        raise ActionRefused(_("请选择采纳情况。"))
    reason = (reason or "").strip()
    if adoption != Adoption.ADOPTED and not reason:
        raise ActionRefused(_("部分采纳或未采纳的，请说明理由。"))
    before = snapshot(comment, ["topic", "adoption", "adoption_reason"])
    comment.topic = clean_text(topic, 100) or _("其他意见")
    comment.adoption, comment.adoption_reason = adoption, reason[:2000]
    comment.save(update_fields=["topic", "adoption", "adoption_reason"])
    record(actor, "participation.classify", comment, organization=comment.consultation.organization, before=before,
           after=snapshot(comment, ["topic", "adoption", "adoption_reason"]), object_repr=comment.consultation.title,
           request=request)
    return comment


# --- 涉企 invitations ---------------------------------------------------------------------------------
@transaction.atomic
def invite(actor, consultation: Consultation, name: str, kind: str, invited_on: dt.date, request=None) -> Invitation:
    require(actor, "participation.manage", consultation.organization_id)
    if not consultation.enterprise_related:
        raise ActionRefused(_("只有标为“涉企政策文件”的征求意见需要登记邀请的企业和商会。"))
    name = clean_text(name, 200)
    if not name or kind not in Invitation.Kind.values or not invited_on:
        raise ActionRefused(_("请填写企业或商会名称、类别和邀请日期。"))
    invitation = Invitation.objects.create(consultation=consultation, name=name, kind=kind, invited_on=invited_on)
    record(actor, "participation.invite", invitation, organization=consultation.organization, object_repr=name,
           request=request)
    refresh_public_pages()
    return invitation


@transaction.atomic
def record_reply(actor, invitation: Invitation, replied_on: dt.date, reply: str, request=None) -> Invitation:
    require(actor, "participation.manage", invitation.consultation.organization_id)
    reply = (reply or "").strip()
    if not replied_on or not reply:
        raise ActionRefused(_("请填写回复日期和回复意见。"))
    if replied_on < invitation.invited_on:
        raise ActionRefused(_("回复日期不能早于邀请日期。"))
    invitation.replied_on, invitation.reply = replied_on, reply[:5000]
    invitation.save(update_fields=["replied_on", "reply"])
    record(actor, "participation.record_reply", invitation, organization=invitation.consultation.organization,
           object_repr=invitation.name, request=request)
    refresh_public_pages()
    return invitation
