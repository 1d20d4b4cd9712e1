"""Staff pages of 清理 campaigns (/staff/regulations/campaigns/)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.params import parse_id
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.regulations import campaigns
from gongkai.regulations.forms import CampaignForm, CloseForm, DecideForm
from gongkai.regulations.lifecycle import IN_FORCE
from gongkai.regulations.models import CleanupCampaign, NormativeDocument


def get_campaign(request, campaign_id: int) -> CleanupCampaign:
    campaign = get_object_or_404(CleanupCampaign.objects.select_related("organization", "result_item"), pk=campaign_id)
    if not has_perm(request.user, "regulations.view", campaign.organization_id):
        raise Http404
    return campaign


@staff_required
def campaign_list(request):
    org_ids = organization_ids_with(request.user, "regulations.view")
    found = CleanupCampaign.objects.filter(organization_id__in=org_ids).select_related("organization", "result_item")
    return render(request, "regulations/staff/campaign_list.html", {
        "campaigns": found, "can_open": bool(organization_ids_with(request.user, "regulations.cleanup"))})


@staff_required
def campaign_create(request):
    org_ids = organization_ids_with(request.user, "regulations.cleanup") & organization_ids_with(request.user,
                                                                                                  "item.create")
    organizations = list(Organization.objects.filter(pk__in=org_ids))
    if not organizations:
        return forbidden(request, _("发起清理须由单位管理员或审核员进行。"))
    documents = (NormativeDocument.objects.filter(validity__in=IN_FORCE, item__state__in=("published", "withdrawn"),
                                                  item__organization_id__in=descendant_ids(org_ids))
                 .select_related("item__organization").order_by("item__organization__sort_order", "-promulgated_on"))
    form = CampaignForm(request.POST or None, organizations=organizations, documents=documents,
                        initial={"organization": organizations[0]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaigns.open_campaign(request.user, data["organization"], data["title"], data["documents"],
                                               data["basis"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("清理已发起，请逐件填写清理结论。"))
            return redirect("regulations_staff:campaign", campaign_id=campaign.pk)
    return render(request, "regulations/staff/campaign_form.html", {"form": form})


@staff_required
def campaign_detail(request, campaign_id: int, decide_form=None, close_form=None):
    campaign = get_campaign(request, campaign_id)
    can_decide = has_perm(request.user, "regulations.cleanup", campaign.organization_id)
    entries = list(campaign.entries.select_related("document__item__organization", "decided_by"))
    for entry in entries:
        bound = decide_form is not None and decide_form.data.get("entry") == str(entry.pk)
        entry.form = decide_form if bound else DecideForm(
            initial={"entry": entry.pk, "result": entry.result, "reason": entry.reason,
                     "new_expires_on": entry.new_expires_on}, auto_id=f"id_entry{entry.pk}_%s")
        entry.in_force = entry.document.validity in IN_FORCE
    is_open = campaign.state == CleanupCampaign.State.OPEN
    close_refusal = campaigns.close_refusal(request.user, campaign) if is_open and can_decide else None
    return render(request, "regulations/staff/campaign_detail.html", {
        "campaign": campaign, "entries": entries, "is_open": is_open,
        "can_decide": can_decide, "undecided": sum(1 for e in entries if not e.result and e.in_force),
        "can_close": is_open and can_decide and close_refusal is None, "close_refusal": close_refusal,
        "close_form": close_form or CloseForm(),
    })


@staff_required
@require_POST
def campaign_decide(request, campaign_id: int):
    campaign = get_campaign(request, campaign_id)
    if not has_perm(request.user, "regulations.cleanup", campaign.organization_id):
        return forbidden(request, _("您没有填写清理结论的岗位。"))
    entry_id = request.POST.get("entry", "")
    form = DecideForm(request.POST, auto_id=f"id_entry{entry_id}_%s" if parse_id(entry_id) else "id_%s")
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return campaign_detail(request, campaign_id, decide_form=form)
    entry = campaign.entries.filter(pk=form.cleaned_data["entry"]).first()
    if entry is None:
        raise Http404
    data = form.cleaned_data
    try:
        campaigns.decide(request.user, entry, data["result"], data["reason"], data["new_expires_on"], request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("《%(title)s》的清理结论已保存。") % {"title": entry.document.title})
    return redirect("regulations_staff:campaign", campaign_id=campaign.pk)


@staff_required
@require_POST
def campaign_close(request, campaign_id: int):
    campaign = get_campaign(request, campaign_id)
    refusal = campaigns.close_refusal(request.user, campaign)
    if refusal:
        return forbidden(request, refusal)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return campaign_detail(request, campaign_id, close_form=form)
    try:
        campaigns.close_campaign(request.user, campaign, form.cleaned_data["opinion"],
                                 form.cleaned_data["secrecy_checked"], request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("清理已完成：清理结果已发布，各文件的有效性已按结论更新。"))
    return redirect("regulations_staff:campaign", campaign_id=campaign.pk)


@staff_required
@require_POST
def campaign_remove(request, campaign_id: int):
    """Take one document out of an open campaign."""
    campaign = get_campaign(request, campaign_id)
    if not has_perm(request.user, "regulations.cleanup", campaign.organization_id):
        return forbidden(request, _("您没有调整清理范围的岗位。"))
    entry_id = parse_id(request.POST.get("entry"))
    entry = campaign.entries.filter(pk=entry_id).select_related("document__item").first() \
        if entry_id is not None else None
    if entry is None:
        raise Http404
    try:
        campaigns.remove_entry(request.user, entry, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("《%(title)s》已移出本次清理。") % {"title": entry.document.title})
    return redirect("regulations_staff:campaign", campaign_id=campaign.pk)
