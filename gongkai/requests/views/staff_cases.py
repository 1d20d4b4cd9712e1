"""Staff pages: the case list, due-soon/overdue lists, registering an offline application, the case page
and the downloads of a case's documents and 备案 bundle."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.params import id_param, text_param
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.requests import due_board, queries, spam
from gongkai.requests.choices import State
from gongkai.requests.forms.staff import RegisterForm
from gongkai.requests.models import CaseDocument
from gongkai.requests.services import intake
from gongkai.requests.views.common import detail_context, get_case
from gongkai.workdays import statute

PAGE_SIZE = 30
DUE_PAGE_SIZE = 50


@staff_required
@require_GET
def case_list(request):
    org_ids = organization_ids_with(request.user, "request.view")
    cases = queries.visible_cases(request.user)
    state = request.GET.get("state", "")
    if state in State.values:
        cases = cases.filter(state=state)
    org = id_param(request, "org")
    if org in org_ids:
        cases = cases.filter(organization_id=org)
    q = text_param(request)  # bounded (a pasted essay makes no long page); a control character is a 400
    cases = queries.search(cases, q)
    page = Paginator(cases.order_by("-submitted_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "requests/staff/list.html", {
        "page": page, "states": State.choices, "state": state, "q": q, "org": str(org or ""),
        "organizations": Organization.objects.filter(id__in=org_ids).order_by("sort_order", "id"),
        "can_register": bool(intake.receiving_unit_ids(request.user, "request.handle")),
    })


@staff_required
@require_GET
def due(request):
    """Due-soon and overdue clocks of every open case the user may see: per unit, or county-wide for the
    政务公开办 (its view reaches every unit below it)."""
    org = id_param(request, "org")
    board = due_board.board(request.user, organization_ids={org} if org else None)
    org_ids = organization_ids_with(request.user, "request.view")
    query = request.GET.copy()
    pages = {}
    for name in (*due_board.ALERTS, due_board.ERROR):  # each section paged on its own
        query.pop(f"{name}_page", None)
        rows = due_board.Section(board, [name])
        pages[name] = Paginator(rows, DUE_PAGE_SIZE).get_page(request.GET.get(f"{name}_page"))
    return render(request, "requests/staff/due.html", {
        "overdue": pages[due_board.OVERDUE], "due_soon": pages[due_board.DUE_SOON],
        "errors": pages[due_board.ERROR], "query": query.urlencode(), "due_soon_workdays": statute.DUE_SOON_WORKDAYS,
        "organizations": Organization.objects.filter(id__in=org_ids).order_by("sort_order", "id"), "org": str(org or ""),
    })


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    org_ids = organization_ids_with(request.user, "request.handle")
    if not org_ids:
        return forbidden(request, _("只有受理机关的信息员、审核员和单位管理员可以登记申请。"))
    organizations = intake.receiving_units(Organization.objects.filter(id__in=org_ids)).order_by("sort_order", "id")
    if not organizations.exists():
        return forbidden(request, _("党委工作机关不适用《政府信息公开条例》，不受理政府信息公开申请。"))
    form = RegisterForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the token is used only if the application is registered
                spam.consume_staff_token(data["form_token"], _(
                    "这份申请已经登记过（可能重复点击了登记按钮），未再次登记。请在申请列表中查看；"
                    "如需登记另一份申请，请重新填写。"))
                submitted = intake.register(
                    request.user, data["organization"], {f: data.get(f) for f in intake.APPLICANT_FIELDS},
                    channel=data["channel"], received_on=data.get("received_on"),
                    confirmation_method=data.get("confirmation_method") or "",
                    confirmation_note=data.get("confirmation_note") or "", request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("requests:list")
        except spam.TokenProblem as problem:
            messages.error(request, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            return render(request, "requests/staff/registered.html", {"submitted": submitted})
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/staff/register.html", {"form": form}, status=status)


@staff_required
@require_GET
def detail(request, case_id: int):
    case = get_case(request, case_id)
    return render(request, "requests/staff/detail.html", detail_context(request, case))


def _download(request, case_id: int, letter_id: int, extension: str):
    case = get_case(request, case_id)
    link = get_object_or_404(CaseDocument.objects.select_related("document"), case=case, document_id=letter_id)
    field = link.document.pdf if extension == "pdf" else link.document.docx
    response = FileResponse(field.open("rb"), as_attachment=True, filename=link.document.filename(extension))
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def document_pdf(request, case_id: int, letter_id: int):
    return _download(request, case_id, letter_id, "pdf")


@staff_required
@require_GET
def document_docx(request, case_id: int, letter_id: int):
    return _download(request, case_id, letter_id, "docx")


@staff_required
@require_GET
def filing_bundle(request, case_id: int):
    """The 备案 PDF: for the handling unit and for whoever sees the filing register (大数据中心, 政务公开办)."""
    from gongkai.requests.models import RequestCase

    case = get_object_or_404(RequestCase, pk=case_id)
    allowed = has_perm(request.user, "request.view", case.organization_id) or has_perm(
        request.user, "request.filings", case.organization_id)
    filing = getattr(case, "filing", None)
    if not allowed or filing is None:
        raise Http404
    response = FileResponse(filing.bundle.open("rb"), as_attachment=True,
                            filename=f"{case.tracking_number}-备案材料.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
