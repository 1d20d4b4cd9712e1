"""Staff pages (/staff/policies/): a policy item's 涉企政策 record, the unit's list, the quarterly digests
and the 政务公开办's board of who pushed which quarter."""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.industries import label as industry_label
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.policies import digests, quarters, services
from gongkai.policies.forms import CompileForm, NoteForm, PolicyForm
from gongkai.policies.models import Digest, EnterprisePolicy
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem

PER_PAGE = 20
BOARD_QUARTERS = 4


def _item(request, item_id: int) -> InformationItem:
    item = get_object_or_404(InformationItem.objects.select_related("organization"), pk=item_id)
    if not has_perm(request.user, "item.view", item.organization_id) or item.state == State.DELETED:
        raise Http404
    return item


@staff_required
def edit(request, item_id: int):
    item = _item(request, item_id)
    policy = EnterprisePolicy.objects.filter(item=item).first()
    if not services.can_edit(request.user, item):
        if services.edit_permission(item) is None:
            return forbidden(request, _("送审中的信息不能修改涉企政策信息，请先由审核员退回。"))
        return forbidden(request, _("您没有修改该信息的岗位。"))
    initial = {"department": item.organization}
    if policy is not None:
        initial = {f: getattr(policy, f) for f in services.RECORD_FIELDS}
    form = PolicyForm(request.POST or None, initial=initial,
                      current_department=policy.department if policy is not None else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_policy(request.user, item, form.cleaned_data, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("涉企政策信息已保存。"))
            return redirect("publishing:detail", item_id=item.pk)
    return render(request, "policies/staff_form.html", {
        "form": form, "item": item, "policy": policy,
        "can_remove": policy is not None and item.state in (State.DRAFT, State.RETURNED),
    })


@staff_required
@require_POST
def remove(request, item_id: int):
    item = _item(request, item_id)
    policy = get_object_or_404(EnterprisePolicy, item=item)
    try:
        services.remove_policy(request.user, policy, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("已取消涉企政策标注。"))
    return redirect("publishing:detail", item_id=item.pk)


@staff_required
@require_safe
def staff_list(request):
    org_ids = organization_ids_with(request.user, "item.view")
    today = timezone.localdate()
    # A unit sees its own policies in any state, and those of other units that name it as 承办部门 only once
    # published: another unit's draft (and what it still lacks) is not its business.
    handled = services.public_policies().filter(department_id__in=org_ids).values("pk")
    found = (EnterprisePolicy.objects.filter(Q(item__organization_id__in=org_ids) | Q(pk__in=handled))
             .exclude(item__state=State.DELETED).select_related("item__organization", "department").order_by("-id"))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "policies/staff_list.html", {
        "page": page, "rows": [(p, p.status_label(today), services.missing_fields(p)) for p in page],
        "can_push": bool(organization_ids_with(request.user, "policies.push")),
        "can_supervise": bool(organization_ids_with(request.user, "policies.supervise")),
    })


# --- Digests -------------------------------------------------------------------------------------


def _push_organizations(user):
    return list(Organization.objects.filter(pk__in=organization_ids_with(user, "policies.push"))
                .order_by("sort_order", "id"))


@staff_required
def pushes(request):
    """The user's units' digests, and compiling the digest of a quarter."""
    organizations = _push_organizations(request.user)
    view_ids = organization_ids_with(request.user, "policies.push") | organization_ids_with(
        request.user, "policies.supervise")
    if not view_ids:
        return forbidden(request, _("涉企政策季度推送由各单位信息员、审核员、单位管理员办理。"))
    today = timezone.localdate()
    choices = quarters.recent(today, 4)
    default = choices[1] if today < choices[0].last_day - dt.timedelta(days=14) else choices[0]
    form = CompileForm(request.POST or None, organizations=organizations, quarters=choices,
                       initial={"organization": organizations[0] if organizations else None,
                                "period": f"{default.year}-{default.number}"})
    if request.method == "POST":
        if not organizations:
            return forbidden(request, _("您没有整理推送的岗位。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                digest = services.compile_digest(request.user, data["organization"], data["period"], data["note"],
                                                 request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(request, _("已整理%(period)s的推送，请核对后发送。") % {"period": digest.period_label})
                return redirect("policies_staff:digest", digest_id=digest.pk)
    found = Digest.objects.filter(organization_id__in=organization_ids_with(request.user, "policies.push"))
    page = Paginator(found.select_related("organization", "sent_by"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "policies/pushes.html", {
        "form": form if organizations else None, "page": page,
        "can_supervise": bool(organization_ids_with(request.user, "policies.supervise")),
    })


def _digest(request, digest_id: int) -> Digest:
    digest = get_object_or_404(Digest.objects.select_related("organization", "created_by", "sent_by"), pk=digest_id)
    if not (has_perm(request.user, "policies.push", digest.organization_id)
            or has_perm(request.user, "policies.supervise", digest.organization_id)):
        raise Http404
    return digest


def industry_labels(codes):
    return None if codes is None else [industry_label(code) for code in codes]


def _public_url(request, digest: Digest) -> str:
    return request.build_absolute_uri(reverse("policies:digest", kwargs={"digest_id": digest.pk}))


@staff_required
def digest_detail(request, digest_id: int):
    digest = _digest(request, digest_id)
    can_edit = digest.state == Digest.State.DRAFT and has_perm(request.user, "policies.push", digest.organization_id)
    form = NoteForm(request.POST or None, initial={"note": digest.note})
    if request.method == "POST":
        if not can_edit:
            return forbidden(request, _("您不能修改该推送。"))
        if form.is_valid():
            try:
                services.update_note(request.user, digest, form.cleaned_data["note"], request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(request, _("推送说明已保存。"))
                return redirect("policies_staff:digest", digest_id=digest.pk)
    new, still_open = services.digest_policies(digest)
    preview = digests.context(digest, new, still_open, _public_url(request, digest))
    return render(request, "policies/digest_staff.html", {
        **preview, "form": form, "can_edit": can_edit,
        "can_send": digest.state == Digest.State.DRAFT and has_perm(request.user, "policies.send",
                                                                    digest.organization_id),
        "industries": industry_labels(services.digest_industries([*new, *still_open])),
        "subscriptions": services.subscriptions_available(),
        "quarter": quarters.Quarter(digest.year, digest.quarter),
    })


@staff_required
@require_POST
def digest_refresh(request, digest_id: int):
    digest = _digest(request, digest_id)
    try:
        services.compile_digest(request.user, digest.organization, quarters.Quarter(digest.year, digest.quarter),
                                request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("已按当前政策重新整理。"))
    return redirect("policies_staff:digest", digest_id=digest.pk)


@staff_required
@require_POST
def digest_send(request, digest_id: int):
    digest = _digest(request, digest_id)
    try:
        digest = services.send_digest(request.user, digest, url=_public_url(request, digest), request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        if digest.recipients is None:
            messages.success(request, _("已登记推送。企业订阅功能尚未启用，本次未发送邮件。"))
        else:
            messages.success(request, _("已推送，向 %(count)s 家订阅企业发送。") % {"count": digest.recipients})
    return redirect("policies_staff:digest", digest_id=digest.pk)


@staff_required
@require_safe
def digest_pdf(request, digest_id: int):
    digest = _digest(request, digest_id)
    new, still_open = services.digest_policies(digest)
    response = HttpResponse(digests.pdf_bytes(digest, new, still_open, _public_url(request, digest)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{digests.pdf_name(digest)}"'
    return response


@staff_required
@require_safe
def board(request):
    """政务公开办: which units pushed in which quarter (the current one and the three before)."""
    org_ids = organization_ids_with(request.user, "policies.supervise")
    if not org_ids:
        return forbidden(request, _("推送情况仅供政务公开办查看。"))
    today = timezone.localdate()
    shown = quarters.recent(today, BOARD_QUARTERS)
    sent = {(d.organization_id, d.year, d.quarter): d for d in Digest.objects.filter(
        organization_id__in=org_ids, year__gte=shown[-1].year).select_related("organization")}
    expected = {q: services.expected_units(q, org_ids) for q in shown}
    unit_ids = {org_id for counts in expected.values() for org_id in counts} | {k[0] for k in sent}
    units = list(Organization.objects.filter(pk__in=unit_ids).order_by("sort_order", "id"))
    rows = []
    for unit in units:
        cells = []
        for q in shown:
            digest = sent.get((unit.pk, q.year, q.number))
            count = expected[q].get(unit.pk, 0)
            if digest is not None and digest.state == Digest.State.SENT:
                state = "sent"
            elif count and q.is_finished(today):
                state = "missing"
            elif count:
                state = "due"
            else:
                state = "none"
            cells.append({"state": state, "digest": digest, "count": count})
        rows.append((unit, cells))
    return render(request, "policies/board.html", {"quarters": shown, "rows": rows, "today": today})
