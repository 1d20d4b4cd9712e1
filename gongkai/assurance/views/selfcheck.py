"""回头看 pages: the checklist (政务公开办), campaigns, a unit's sheet (answer, submit), review, summary, DOCX."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm
from gongkai.assurance.forms import ANSWER_STATUS, CampaignForm, ChecklistItemForm, ReviewResponseForm
from gongkai.assurance.models import Campaign, ChecklistItem, Response
from gongkai.assurance.services import selfcheck
from gongkai.assurance.services.common import managed_county, supervised_ids
from gongkai.assurance.views.common import download, form_errors, is_supervisor, run

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _campaign(request, selfcheck_id: int) -> Campaign:
    campaign = get_object_or_404(selfcheck.visible_campaigns(request.user).select_related("organization"),
                                 pk=selfcheck_id)
    if campaign.state == Campaign.State.DRAFT and not has_perm(request.user, "assurance.manage",
                                                               campaign.organization_id):
        raise Http404
    return campaign


def _manager(request, campaign: Campaign) -> bool:
    return has_perm(request.user, "assurance.manage", campaign.organization_id)


@staff_required
def checklist(request):
    county = managed_county(request.user)
    if county is None or not has_perm(request.user, "assurance.manage", county.pk):
        return forbidden(request, _("自查清单由政务公开办维护。"))
    form = ChecklistItemForm(request.POST or None, initial={"position": ChecklistItem.objects.filter(
        organization=county).count() + 1, "is_active": True})
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: selfcheck.save_checklist_item(request.user, form.cleaned_data, request=request),
               _("自查事项已添加。")):
            return redirect("assurance:checklist")
    items = ChecklistItem.objects.filter(organization_id__in=supervised_ids(request.user))
    return render(request, "assurance/staff/checklist.html", {"items": items, "form": form})


@staff_required
def checklist_edit(request, checklist_item_id: int):
    item = get_object_or_404(ChecklistItem, pk=checklist_item_id, organization_id__in=supervised_ids(request.user))
    form = ChecklistItemForm(request.POST or None, instance=ChecklistItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: selfcheck.save_checklist_item(request.user, form.cleaned_data, item, request=request),
               _("自查事项已保存。")):
            return redirect("assurance:checklist")
    return render(request, "assurance/staff/simple_form.html", {
        "form": form, "title": _("修改自查事项"), "back": ("assurance:checklist", _("回头看自查清单"))})


@staff_required
def campaigns(request):
    found = selfcheck.visible_campaigns(request.user).select_related("organization")
    if not is_supervisor(request.user):
        found = found.exclude(state=Campaign.State.DRAFT)
    own = Response.objects.filter(organization_id__in=_own_units(request.user)).select_related("campaign",
                                                                                                "organization")
    return render(request, "assurance/staff/campaigns.html", {
        "campaigns": found, "own": own, "supervisor": is_supervisor(request.user)})


def _own_units(user):
    from gongkai.accounts.permissions import organization_ids_with

    return organization_ids_with(user, "assurance.answer")


@staff_required
def campaign_create(request):
    if not is_supervisor(request.user):
        return forbidden(request, _("回头看自查由政务公开办组织。"))
    units = selfcheck.units_choices(request.user)
    form = CampaignForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        campaign = run(request, lambda: selfcheck.create_campaign(request.user, form.cleaned_data, request=request),
                       _("已建立自查活动（草稿），确认自查清单后即可下发。"))
        if campaign:
            return redirect("assurance:campaign", selfcheck_id=campaign.pk)
    return render(request, "assurance/staff/simple_form.html", {
        "form": form, "title": _("新建回头看自查"), "back": ("assurance:campaigns", _("回头看自查"))})


@staff_required
def campaign_edit(request, selfcheck_id: int):
    campaign = _campaign(request, selfcheck_id)
    if not _manager(request, campaign):
        raise Http404
    units = selfcheck.units_choices(request.user)
    form = CampaignForm(request.POST or None, units=units, initial={
        "title": campaign.title, "year": campaign.year, "due_on": campaign.due_on,
        "instructions": campaign.instructions, "units": list(campaign.units.all())})
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: selfcheck.update_campaign(request.user, campaign, form.cleaned_data, request=request),
               _("已保存。")):
            return redirect("assurance:campaign", selfcheck_id=campaign.pk)
    return render(request, "assurance/staff/simple_form.html", {
        "form": form, "title": _("修改回头看自查"), "back": ("assurance:campaigns", _("回头看自查"))})


@staff_required
def campaign_detail(request, selfcheck_id: int):
    campaign = _campaign(request, selfcheck_id)
    manager = _manager(request, campaign)
    responses = campaign.responses.select_related("organization")
    if not manager:
        responses = responses.filter(organization_id__in=_own_units(request.user))
    return render(request, "assurance/staff/campaign_detail.html", {
        "campaign": campaign, "manager": manager, "responses": responses,
        "summary": selfcheck.summary(campaign) if manager and campaign.state != Campaign.State.DRAFT else None,
        "items": campaign.items.all() if campaign.state != Campaign.State.DRAFT else
        ChecklistItem.objects.filter(organization=campaign.organization, is_active=True),
    })


@staff_required
@require_POST
def campaign_open(request, selfcheck_id: int):
    campaign = _campaign(request, selfcheck_id)
    if not _manager(request, campaign):
        raise Http404
    run(request, lambda: selfcheck.open_campaign(request.user, campaign, request=request),
        _("已下发，各单位可在“我的待办”中填报。"))
    return redirect("assurance:campaign", selfcheck_id=campaign.pk)


@staff_required
@require_POST
def campaign_close(request, selfcheck_id: int):
    campaign = _campaign(request, selfcheck_id)
    if not _manager(request, campaign):
        raise Http404
    run(request, lambda: selfcheck.close_campaign(request.user, campaign, request=request), _("自查活动已结束。"))
    return redirect("assurance:campaign", selfcheck_id=campaign.pk)


@staff_required
def campaign_export(request, selfcheck_id: int):
    campaign = _campaign(request, selfcheck_id)
    if not _manager(request, campaign):
        raise Http404
    content = selfcheck.export_docx(request.user, campaign, request=request)
    return download(content, f"{campaign.title}情况汇总.docx", DOCX)


def _response(request, sheet_id: int) -> Response:
    response = get_object_or_404(Response.objects.select_related("campaign__organization", "organization"),
                                 pk=sheet_id)
    if response.campaign.state == Campaign.State.DRAFT:
        raise Http404
    if not (has_perm(request.user, "assurance.manage", response.campaign.organization_id)
            or has_perm(request.user, "assurance.answer", response.organization_id)):
        raise Http404
    return response


@staff_required
def response_detail(request, sheet_id: int):
    response = _response(request, sheet_id)
    user = request.user
    can_answer = (has_perm(user, "assurance.answer", response.organization_id) and response.is_editable
                  and response.campaign.state == Campaign.State.OPEN)
    can_submit = can_answer and has_perm(user, "assurance.submit", response.organization_id)
    can_review = (has_perm(user, "assurance.manage", response.campaign.organization_id)
                  and response.state == Response.State.SUBMITTED)
    answers = {a.item_id: a for a in response.answers.all()}
    rows = [(item, answers.get(item.pk)) for item in response.campaign.items.all()]
    if request.method == "POST":
        if not can_answer:
            return forbidden(request, _("该自查情况当前不能修改。"))
        data = {item.pk: {"status": request.POST.get(f"status-{item.pk}", ""),
                          "explanation": request.POST.get(f"explanation-{item.pk}", ""),
                          "evidence": request.POST.get(f"evidence-{item.pk}", "")} for item, _a in rows}
        if run(request, lambda: selfcheck.save_answers(user, response, data, request=request), _("已保存。")):
            if request.POST.get("submit") and can_submit:
                run(request, lambda: selfcheck.submit_response(user, response, request=request),
                    _("已报送政务公开办审核。"))
            elif request.POST.get("submit"):
                messages.warning(request, _("尚未报送：只有本单位审核员或单位管理员可以报送，请提醒他们审核后报送。"))
            return redirect("assurance:response", sheet_id=response.pk)
        rows = [(item, _Draft(data[item.pk])) for item, _a in rows]
    return render(request, "assurance/staff/response.html", {
        "response": response, "rows": rows, "can_answer": can_answer, "can_submit": can_submit,
        "can_review": can_review, "review_form": ReviewResponseForm(), "statuses": ANSWER_STATUS})


class _Draft:
    """What the user typed, shown again after a refusal."""

    def __init__(self, data):
        self.status, self.explanation = data["status"], data["explanation"]
        self.evidence_text = data["evidence"]


@staff_required
@require_POST
def response_review(request, sheet_id: int):
    response = _response(request, sheet_id)
    if not has_perm(request.user, "assurance.manage", response.campaign.organization_id):
        raise Http404
    form = ReviewResponseForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["accept"]
        run(request, lambda: selfcheck.review_response(request.user, response, accept, form.cleaned_data["comment"],
                                                       request=request),
            _("已通过。") if accept else _("已退回单位修改。"))
    else:
        form_errors(request, form)
    return redirect("assurance:response", sheet_id=response.pk)
