"""Staff pages of the register (/staff/regulations/): list, new, register, detail with its actions, 汇编."""

from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.forms import add_refusal
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.publishing.models import InformationItem
from gongkai.regulations import compilation, services, status
from gongkai.regulations.expiry import expiring_soon
from gongkai.regulations.forms import (
    CompilationForm,
    DocumentForm,
    FilingForm,
    MetaForm,
    RelationForm,
    RenewForm,
)
from gongkai.regulations.history import acted_on_by, acts_on, scheduled, timeline
from gongkai.regulations.lifecycle import IN_FORCE
from gongkai.regulations.models import CleanupCampaign, CleanupEntry, NormativeDocument, Relation

PER_PAGE = 30
# The register's own form (MetaForm) has no 成文日期, the item's: a refusal about it is shown on the 公布日期
# it must precede, the date typed in this form.
ITEM_DATE_ON_REGISTER = {"written_on": "promulgated_on"}


def get_document(request, document_id: int) -> NormativeDocument:
    """The document, if the user may view its organization's register; 404 otherwise (no probing)."""
    document = get_object_or_404(NormativeDocument.objects.select_related("item__organization"), pk=document_id)
    if not has_perm(request.user, "regulations.view", document.item.organization_id):
        raise Http404
    return document


def _run(request, call, success) -> bool:
    """`success`: the message, or a function of the service's result giving it."""
    try:
        result = call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def lead_issuers(user, organization) -> list:
    """Who may be named 牵头制定机关: the publishing unit, or a unit the user keeps the register of."""
    return [organization, *Organization.objects.filter(pk__in=organization_ids_with(user, "regulations.manage"))
            .exclude(pk=organization.pk)]


@staff_required
def document_list(request):
    from django.core.paginator import Paginator

    org_ids = organization_ids_with(request.user, "regulations.view")
    documents = NormativeDocument.objects.filter(item__organization_id__in=org_ids).exclude(item__state="deleted")
    validity, today = request.GET.get("validity", ""), timezone.localdate()
    validities = [(status.CURRENT, status.CURRENT_LABEL), *status.choices()]  # as the public library names them
    if validity in dict(validities):  # as the list shows it: 现行有效 in force today, 尚未施行 apart from 有效
        documents = status.in_state(documents, validity, today)
    page = Paginator(documents.select_related("item__organization").order_by("-promulgated_on", "-id"),
                     PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "regulations/staff/list.html", {
        "page": page, "validity": validity, "validities": validities,
        "expiring": expiring_soon(org_ids, today).order_by("expires_on"),
        "can_create": bool(organization_ids_with(request.user, "regulations.manage")),
        "can_cleanup": bool(organization_ids_with(request.user, "regulations.cleanup")),
    })


@staff_required
def document_create(request):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "regulations.manage")))
    if not organizations:
        return forbidden(request, _("您没有登记规范性文件的岗位（信息员、审核员或单位管理员）。"))
    form = DocumentForm(request.POST or None, organizations=organizations,
                        initial={"organization": organizations[0], "lead_issuer": organizations[0]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.create_document(request.user, data["organization"], form.item_data(), data,
                                                data["issuers"], request=request)
        except ActionRefused as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("规范性文件草稿已登记。请在“信息管理”中送审、发布。"))
            return redirect("regulations_staff:detail", document_id=document.pk)
    return render(request, "regulations/staff/form.html", {"form": form, "document": None, "item": None})


@staff_required
def register_item(request, item_id: int):
    """Register an existing information item (e.g. migrated from the old site) as a normative document."""
    item = get_object_or_404(InformationItem.objects.select_related("organization"), pk=item_id)
    if not has_perm(request.user, "item.view", item.organization_id):
        raise Http404
    if not has_perm(request.user, "regulations.manage", item.organization_id):
        return forbidden(request, _("您没有登记本单位规范性文件的岗位。"))
    if hasattr(item, "normative"):
        return redirect("regulations_staff:detail", document_id=item.normative.pk)
    form = MetaForm(request.POST or None, initial={"lead_issuer": item.organization},
                    lead_issuers=lead_issuers(request.user, item.organization))
    if request.method == "POST" and form.is_valid():
        try:
            document = services.register(request.user, item, form.cleaned_data, form.cleaned_data["issuers"],
                                          request=request)
        except ActionRefused as exc:  # the 成文日期 is the item's: the 公布日期 typed here is what to correct
            add_refusal(form, exc, ITEM_DATE_ON_REGISTER)
        else:
            messages.success(request, _("已登记为规范性文件。"))
            return redirect("regulations_staff:detail", document_id=document.pk)
    return render(request, "regulations/staff/form.html", {"form": form, "document": None, "item": item})


@staff_required
def document_edit(request, document_id: int):
    document = get_document(request, document_id)
    if not has_perm(request.user, "regulations.manage", document.item.organization_id):
        return forbidden(request, _("您没有修改本单位规范性文件登记信息的岗位。"))
    form = MetaForm(request.POST or None, initial=MetaForm.initial_for(document),
                    lead_issuers=lead_issuers(request.user, document.item.organization),
                    recorded=document.issuer_list())
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(request.user, document, form.cleaned_data, form.cleaned_data["issuers"],
                                     request=request)
        except ActionRefused as exc:
            add_refusal(form, exc, ITEM_DATE_ON_REGISTER)
        else:
            messages.success(request, _("登记信息已保存。"))
            return redirect("regulations_staff:detail", document_id=document.pk)
    return render(request, "regulations/staff/form.html", {"form": form, "document": document, "item": document.item})


def relation_targets(user, document: NormativeDocument):
    """Documents in force that `document` may act on: its organization's subtree, or where the user may act."""
    org_ids = descendant_ids([document.item.organization_id]) | organization_ids_with(user, "regulations.change_validity")
    in_cleanup = CleanupEntry.objects.filter(document=OuterRef("pk"), campaign__state=CleanupCampaign.State.OPEN)
    return (NormativeDocument.objects.filter(validity__in=IN_FORCE, item__organization_id__in=org_ids,
                                             item__state__in=("published", "withdrawn"))
            .annotate(open_campaign=Subquery(in_cleanup.values("campaign__title")[:1]))
            .exclude(pk=document.pk).select_related("item").order_by("-promulgated_on"))


@staff_required
def document_detail(request, document_id: int, **forms):
    document = get_document(request, document_id)
    org_id = document.item.organization_id
    can_manage = has_perm(request.user, "regulations.manage", org_id)
    can_change = has_perm(request.user, "regulations.change_validity", org_id)
    return render(request, "regulations/staff/detail.html", {
        "document": document, "item": document.item, "issuers": document.issuer_list(),
        "filings": list(document.filings.all()), "acted_on_by": acted_on_by(document), "acts_on": acts_on(document),
        "scheduled": scheduled(document),
        "timeline": timeline(document, timezone.localdate(), public=False),
        "can_manage": can_manage, "can_change": can_change and document.is_current,
        "filing_form": forms.get("filing_form") or FilingForm(),
        "relation_form": forms.get("relation_form") or RelationForm(targets=relation_targets(request.user, document)),
        "renew_form": forms.get("renew_form") or RenewForm(),
    })


def _post(request, document_id: int, perm: str, form_name: str, form, call, success: str):
    document = get_document(request, document_id)
    if not has_perm(request.user, perm, document.item.organization_id):
        return forbidden(request, _("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return document_detail(request, document_id, **{form_name: form})
    _run(request, lambda: call(document, form.cleaned_data), success)
    return redirect("regulations_staff:detail", document_id=document.pk)


@staff_required
@require_POST
def document_filing(request, document_id: int):
    return _post(request, document_id, "regulations.manage", "filing_form", FilingForm(request.POST),
                 lambda d, c: services.set_filing(request.user, d, c["body"], c["filed_on"], c["number"], request=request),
                 _("备案记录已保存。"))


@staff_required
@require_POST
def document_relate(request, document_id: int):
    document = get_document(request, document_id)
    form = RelationForm(request.POST, targets=relation_targets(request.user, document))
    def call(d, c):
        relation = services.relate(request.user, d, c["target"], c["kind"], c["effective_on"], c["note"],
                                   request=request)
        if c["target"].open_campaign and c["kind"] != Relation.Kind.AMENDS:
            messages.warning(request, _("《%(title)s》正在清理“%(campaign)s”中：完成该清理时将记为“清理期间已废止”，"
                                        "不再执行清理结论；也可在清理页面将其移出。")
                             % {"title": c["target"].title, "campaign": c["target"].open_campaign})
        return relation

    return _post(request, document_id, "regulations.change_validity", "relation_form", form, call,
                 _relation_message)


def _relation_message(relation) -> str:
    if relation.effective_on > timezone.localdate():
        return _("文件关系已登记。被作用文件在%(date)s前保持现有效力，届时由系统自动更新其有效性和沿革。") % {
            "date": relation.effective_on.isoformat()}
    return _("文件关系已登记，两个文件的有效性和沿革已同时更新。")


@staff_required
@require_POST
def document_renew(request, document_id: int):
    return _post(request, document_id, "regulations.change_validity", "renew_form", RenewForm(request.POST),
                 lambda d, c: services.renew(request.user, d, c["new_expires_on"], c["reason"], request=request),
                 _("有效期已延长。"))


@staff_required
def compile_documents(request):
    """汇编: published documents in force today (现行有效) of one organization (or the user's units) and/or one topic."""
    org_ids = organization_ids_with(request.user, "regulations.view")
    organizations = list(Organization.objects.filter(pk__in=org_ids))
    if not organizations:
        return forbidden(request, _("您没有查看规范性文件的岗位。"))
    form = CompilationForm(request.GET if "format" in request.GET else None, organizations=organizations)
    if not form.is_bound or not form.is_valid():
        return render(request, "regulations/staff/compile.html", {"form": form})
    data = form.cleaned_data
    today = timezone.localdate()
    # 现行有效 as the library lists it: in force today, not those still waiting for their 施行日期 (status.py)
    documents = NormativeDocument.objects.live().filter(status.in_force(today), item__organization_id__in=org_ids)
    if data["organization"]:
        documents = documents.filter(Q(item__organization=data["organization"])
                                     | Q(issuer_links__organization=data["organization"]))
    if data["topic"]:
        documents = documents.filter(item__topic=data["topic"])
    documents = list(documents.distinct().select_related("item__organization").order_by("promulgated_on", "id"))
    if not documents:
        form.add_error(None, _("没有符合条件的现行有效规范性文件。"))
        return render(request, "regulations/staff/compile.html", {"form": form})
    if len(documents) > compilation.MAX_DOCUMENTS:
        form.add_error(None, _("一次最多汇编%(max)s件文件，请缩小范围。") % {"max": compilation.MAX_DOCUMENTS})
        return render(request, "regulations/staff/compile.html", {"form": form})
    compiler = data["organization"].name if data["organization"] else organizations[0].name
    title = data["title"] or _("%(org)s现行有效规范性文件汇编") % {"org": compiler}
    bundle = compilation.Compilation(title=title, compiler=compiler, as_of=today, documents=documents)
    if data["format"] == "pdf":
        content, content_type = compilation.to_pdf(bundle), "application/pdf"
    else:
        content = compilation.to_docx(bundle)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    record(request.user, "regulations.compile", None, organization=data["organization"],
           after={"title": title, "format": data["format"], "documents": [d.pk for d in documents]}, request=request)
    response = HttpResponse(content, content_type=content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, f"{title}.{data['format']}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
