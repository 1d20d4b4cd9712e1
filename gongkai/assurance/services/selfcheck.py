"""回头看 self-check: the checklist, campaigns, the units' answer sheets, review and return, the summary.

Sheet states (docs/assurance.md): 待填报 → (submit) 已报送 → (accept) 已通过, or (return, with reasons)
已退回 → (submit again) 已报送. A campaign is 草稿 → (open: items copied, sheets created) 自查中 → (close) 已结束."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.assurance.models import Answer, Campaign, CampaignItem, ChecklistItem, Response
from gongkai.assurance.services.common import (
    clean_position,
    clean_text,
    refuse_control_characters,
    require,
    require_county,
    supervised_ids,
)
from gongkai.audit.services import record, snapshot
from gongkai.core.forms import date_in_range, date_range_message
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization

MAX_LINKS = 10
# An item is weak in the county summary when this share of the answering units have not fully done it.
WEAK_SHARE = 0.3
S = Response.State


# --- checklist -----------------------------------------------------------------------------------------


@transaction.atomic
def save_checklist_item(actor, data: dict, item: ChecklistItem | None = None, request=None) -> ChecklistItem:
    county = require_county(actor)
    if item is not None:
        require(actor, "assurance.manage", item.organization_id)
    before = snapshot(item, ["text", "source", "position", "is_active"]) if item else {}
    item = item or ChecklistItem(organization=county)
    item.text = clean_text(data.get("text"), _("自查事项"))
    item.source = clean_text(data.get("source"), _("依据"), limit=200)
    item.position = clean_position(data.get("position"))
    item.is_active = bool(data.get("is_active", True))
    item.save()
    record(actor, "assurance.checklist_save", item, organization=item.organization, before=before,
           after=snapshot(item, ["text", "source", "position", "is_active"]), request=request)
    return item


# --- campaigns -----------------------------------------------------------------------------------------


def _clean_campaign(actor, data: dict) -> dict:
    title = clean_text(data.get("title"), _("名称"), limit=200)
    due_on = data.get("due_on")
    if not isinstance(due_on, dt.date):
        raise ActionRefused(_("请填写报送截止日期。"))
    units = list(data.get("units") or [])
    allowed = supervised_ids(actor)
    if not units:
        raise ActionRefused(_("请选择参加自查的单位。"))
    if any(u.pk not in allowed for u in units):
        raise ActionRefused(_("只能选择本级及下级单位。"))
    if not date_in_range(due_on):
        raise ActionRefused(date_range_message())
    year = int(data.get("year") or due_on.year)
    if due_on.year not in (year, year + 1):
        raise ActionRefused(_("报送截止日期须在%(year)d年或次年内。") % {"year": year})
    return {"title": title, "due_on": due_on, "year": year, "units": units,
            "instructions": clean_text(data.get("instructions"), _("工作要求"), required=False)}


@transaction.atomic
def create_campaign(actor, data: dict, request=None) -> Campaign:
    county = require_county(actor)
    clean = _clean_campaign(actor, data)
    units = clean.pop("units")
    campaign = Campaign.objects.create(organization=county, created_by=actor, **clean)
    campaign.units.set(units)
    record(actor, "assurance.campaign_create", campaign, organization=county,
           after={**snapshot(campaign, ["title", "year", "due_on"]), "units": len(units)}, request=request)
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, data: dict, request=None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    require(actor, "assurance.manage", campaign.organization_id)
    if campaign.state != Campaign.State.DRAFT:
        raise ActionRefused(_("已下发的自查不能再修改参加单位和要求。"))
    before = snapshot(campaign, ["title", "year", "due_on", "instructions"])
    clean = _clean_campaign(actor, data)
    units = clean.pop("units")
    for key, value in clean.items():
        setattr(campaign, key, value)
    campaign.save()
    campaign.units.set(units)
    record(actor, "assurance.campaign_update", campaign, organization=campaign.organization, before=before,
           after=snapshot(campaign, ["title", "year", "due_on", "instructions"]), request=request)
    return campaign


@transaction.atomic
def open_campaign(actor, campaign: Campaign, request=None) -> Campaign:
    """下发: the active checklist items are copied into the campaign and every unit gets its sheet."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    require(actor, "assurance.manage", campaign.organization_id)
    if campaign.state != Campaign.State.DRAFT:
        raise ActionRefused(_("该自查已下发。"))
    if campaign.due_on < timezone.localdate():
        raise ActionRefused(_("报送截止日期（%(date)s）已过，请修改后再下发。") % {"date": campaign.due_on.isoformat()})
    items = list(ChecklistItem.objects.filter(organization=campaign.organization, is_active=True))
    if not items:
        raise ActionRefused(_("自查清单中没有启用的事项，请先编辑自查清单。"))
    CampaignItem.objects.bulk_create([CampaignItem(campaign=campaign, text=i.text, source=i.source, position=n)
                                      for n, i in enumerate(items, start=1)])
    Response.objects.bulk_create([Response(campaign=campaign, organization=unit) for unit in campaign.units.all()])
    campaign.state, campaign.opened_at = Campaign.State.OPEN, timezone.now()
    campaign.save(update_fields=["state", "opened_at"])
    record(actor, "assurance.campaign_open", campaign, organization=campaign.organization,
           after={"items": len(items), "units": campaign.units.count()}, request=request)
    return campaign


@transaction.atomic
def close_campaign(actor, campaign: Campaign, request=None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    require(actor, "assurance.manage", campaign.organization_id)
    if campaign.state != Campaign.State.OPEN:
        raise ActionRefused(_("只有自查中的活动可以结束。"))
    campaign.state, campaign.closed_at = Campaign.State.CLOSED, timezone.now()
    campaign.save(update_fields=["state", "closed_at"])
    record(actor, "assurance.campaign_close", campaign, organization=campaign.organization, request=request)
    return campaign


# --- a unit's sheet ------------------------------------------------------------------------------------


def clean_links(text: str) -> list[str]:
    refuse_control_characters(text or "", _("佐证链接"))
    links = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ActionRefused(_("佐证链接最多%(n)d条。") % {"n": MAX_LINKS})
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ActionRefused(_("佐证链接“%(link)s”不是有效的网址（以 http:// 或 https:// 开头）。") % {
                "link": link[:80]}) from None
    return links


def _editable(actor, response: Response, perm: str) -> Response:
    response = Response.objects.select_for_update().select_related("campaign", "organization").get(pk=response.pk)
    require(actor, perm, response.organization_id,
            _("只有本单位的信息员、审核员或单位管理员可以填报本单位的自查情况。") if perm == "assurance.answer"
            else _("只有本单位审核员或单位管理员可以报送自查情况。"))
    if response.campaign.state != Campaign.State.OPEN:
        raise ActionRefused(_("该自查已结束，不能再填报。"))
    if not response.is_editable:
        raise ActionRefused(_("自查情况“%(state)s”，不能修改。") % {"state": response.get_state_display()})
    return response


@transaction.atomic
def save_answers(actor, response: Response, answers: dict, request=None) -> Response:
    """`answers`: {campaign item id: {"status", "explanation", "evidence" (links, one a line)}}."""
    response = _editable(actor, response, "assurance.answer")
    items = {i.pk: i for i in response.campaign.items.all()}
    existing = {a.item_id: a for a in response.answers.all()}
    for item_id, data in answers.items():
        if item_id not in items:
            raise ActionRefused(_("自查事项不属于该自查活动。"))
        status = data.get("status") or ""
        if status and status not in Answer.Status.values:
            raise ActionRefused(_("请选择落实情况。"))
        answer = existing.get(item_id) or Answer(response=response, item=items[item_id])
        answer.status = status
        answer.explanation = clean_text(data.get("explanation"), _("情况说明"), required=False)
        answer.evidence = clean_links(data.get("evidence", ""))
        answer.save()
    record(actor, "assurance.response_save", response, organization=response.organization,
           after={"answered": response.answers.exclude(status="").count()}, request=request)
    return response


@transaction.atomic
def submit_response(actor, response: Response, request=None) -> Response:
    response = _editable(actor, response, "assurance.submit")
    answers = {a.item_id: a for a in response.answers.all()}
    missing = [i for i in response.campaign.items.all() if not getattr(answers.get(i.pk), "status", "")]
    if missing:
        raise ActionRefused(_("还有%(n)d项未填写落实情况（第%(first)d项起），请全部填写后报送。") % {
            "n": len(missing), "first": missing[0].position})
    unexplained = [a for a in answers.values() if a.status != Answer.Status.DONE and not a.explanation]
    if unexplained:
        raise ActionRefused(_("部分落实或未落实的事项须说明原因和整改计划（第%(n)d项）。") % {
            "n": min(a.item.position for a in unexplained)})
    before = response.state
    response.state, response.submitted_at, response.submitted_by = S.SUBMITTED, timezone.now(), actor
    response.save(update_fields=["state", "submitted_at", "submitted_by"])
    record(actor, "assurance.response_submit", response, organization=response.organization,
           before={"state": before}, after={"state": response.state}, request=request)
    return response


@transaction.atomic
def review_response(actor, response: Response, accept: bool, comment: str = "", request=None) -> Response:
    response = Response.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    require(actor, "assurance.manage", response.campaign.organization_id, _("只有政务公开办可以审核自查情况。"))
    if response.state != S.SUBMITTED:
        raise ActionRefused(_("只能审核已报送的自查情况。"))
    comment = clean_text(comment, _("退回理由"), required=not accept)
    response.state = S.ACCEPTED if accept else S.RETURNED
    response.reviewed_at, response.reviewed_by, response.review_comment = timezone.now(), actor, comment
    response.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_comment"])
    record(actor, "assurance.response_accept" if accept else "assurance.response_return", response,
           organization=response.organization, before={"state": S.SUBMITTED},
           after={"state": response.state, "comment": comment}, request=request)
    return response


# --- reading -------------------------------------------------------------------------------------------


def visible_campaigns(user):
    """Campaigns the user supervises, and open or closed campaigns with a sheet of the user's unit."""
    from gongkai.accounts.permissions import organization_ids_with

    own = organization_ids_with(user, "assurance.answer")
    return (Campaign.objects.filter(organization_id__in=supervised_ids(user))
            | Campaign.objects.filter(responses__organization_id__in=own)).distinct()


@dataclass
class ItemSummary:
    item: CampaignItem
    counts: dict = field(default_factory=dict)  # status → units
    answered: int = 0
    weak_units: list = field(default_factory=list)  # names of units with 部分落实 / 未落实

    @property
    def weak_share(self) -> float:
        return (self.counts.get(Answer.Status.PARTIAL, 0) + self.counts.get(Answer.Status.NOT_DONE, 0)) / (
            self.answered or 1)

    @property
    def is_weak(self) -> bool:
        return self.answered > 0 and self.weak_share >= WEAK_SHARE


def summary(campaign: Campaign) -> dict:
    """County summary over the sheets submitted or accepted: per item the counts, the weak items first."""
    reported = list(campaign.responses.filter(state__in=[S.SUBMITTED, S.ACCEPTED]).select_related("organization"))
    items = {i.pk: ItemSummary(i) for i in campaign.items.all()}
    for answer in Answer.objects.filter(response__in=reported).select_related("response__organization"):
        row = items[answer.item_id]
        row.counts[answer.status] = row.counts.get(answer.status, 0) + 1
        row.answered += 1
        if answer.status != Answer.Status.DONE:
            row.weak_units.append(answer.response.organization.display_name)
    rows = list(items.values())
    states = {}
    for response in campaign.responses.all():
        states[response.state] = states.get(response.state, 0) + 1
    return {"rows": rows, "weak": sorted([r for r in rows if r.is_weak], key=lambda r: -r.weak_share),
            "reported": len(reported), "units": campaign.responses.count(),
            "states": [(label, states.get(value, 0)) for value, label in S.choices]}


def work_plan_title(campaign: Campaign) -> str:
    """The work plan the 回头看 answers to: the county's plan of the campaign's year as the workplan app has it,
    else 「<county>YYYY年政务公开工作要点」 (the county's name without 人民政府)."""
    from gongkai.workplan.progress import plan_title

    title = plan_title(campaign.year, campaign.organization_id)
    if title:
        return title.strip("《》")
    county = campaign.organization.name.removesuffix("人民政府")  # the data is Chinese whatever the language
    return _("%(county)s%(year)d年政务公开工作要点") % {"county": county or campaign.organization.name,
                                                       "year": campaign.year}


def summary_letter(campaign: Campaign, on: dt.date):
    from gongkai.letters.render import Letter, Paragraph, Table

    data = summary(campaign)
    labels = dict(Answer.Status.choices)
    body = [Paragraph(_("按照《%(plan)s》关于对照新修订的《政府信息公开条例》和《关于全面推进政务公开工作的意见》"
                        "及其实施细则开展“回头看”的要求，县政务公开办组织%(units)d个单位逐项对照自查，已报送%(reported)d个。"
                        "现将自查情况汇总如下。") % {"plan": work_plan_title(campaign), "units": data["units"],
                                               "reported": data["reported"]}),
            Paragraph(pgettext("self-check summary", "一、总体情况"), heading=True),
            Table((_("序号"), _("自查事项"), _("依据"), str(labels["done"]), str(labels["partial"]), str(labels["not_done"])),
                  tuple((str(r.item.position), r.item.text, r.item.source, str(r.counts.get("done", 0)),
                         str(r.counts.get("partial", 0)), str(r.counts.get("not_done", 0))) for r in data["rows"])),
            Paragraph(_("二、薄弱环节"), heading=True)]
    if data["weak"]:
        for n, row in enumerate(data["weak"], start=1):
            body.append(Paragraph(_("%(n)d. %(text)s（%(source)s）：%(share)d%%的单位未完全落实，涉及%(units)s。") % {
                "n": n, "text": row.item.text, "source": row.item.source, "share": round(row.weak_share * 100),
                "units": "、".join(row.weak_units)}))
    else:
        body.append(Paragraph(_("各自查事项均已基本落实，未发现普遍性薄弱环节。")))
    body.append(Paragraph(_("三、下一步工作"), heading=True))
    body.append(Paragraph(_("对部分落实和未落实的事项，各单位要制定整改措施、明确完成时限，县政务公开办将跟踪督促并纳入年度绩效考核。")))
    return Letter(title=_("%(title)s情况汇总") % {"title": campaign.title}, body=tuple(body),
                  signature_org=campaign.organization.name, date=on, seal=False)


def export_docx(actor, campaign: Campaign, request=None) -> bytes:
    from gongkai.letters.render import render_docx

    require(actor, "assurance.manage", campaign.organization_id)
    content = render_docx(summary_letter(campaign, timezone.localdate()))
    record(actor, "assurance.campaign_export", campaign, organization=campaign.organization, request=request)
    return content


def units_choices(actor):
    return Organization.objects.filter(pk__in=supervised_ids(actor), is_active=True).order_by("sort_order", "id")
