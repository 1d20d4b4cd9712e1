"""Public pages under /yisqgk/: how to apply, the application form, and the applicant's own case.

An applicant proves possession of a case with its tracking number and query code (posted, never in a
URL); the session then holds that one case id. Nothing else is ever shown to the public.
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import query_codes
from gongkai.core.params import id_param
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.requests import spam
from gongkai.requests.clock import case_clocks, reply_inputs
from gongkai.requests.forms.public import ApplicationForm, LookupForm
from gongkai.requests.models import CaseDocument, DisclosedDocument, RequestCase
from gongkai.requests.public_state import public_state
from gongkai.requests.services import disclosure, intake
from gongkai.workdays import statute

SESSION_CASE = "requests_public_case"
SESSION_SUBMITTED = "requests_public_submitted"
PUBLIC_FIELDS = list(intake.APPLICANT_FIELDS)


def index(request):
    organizations = (intake.receiving_units(Organization.objects.filter(is_active=True))
                     .order_by("sort_order", "id"))
    return render(request, "requests/public/index.html", {
        "organizations": organizations, "reply_workdays": statute.REPLY_WORKDAYS,
        "max_extension_workdays": statute.MAX_EXTENSION_WORKDAYS})


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    initial = {}
    org_id = id_param(request, "org")
    if org_id:
        initial["organization"] = org_id
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if spam.counts_against_allowance(form) and not spam.allow(request, "apply"):
            messages.error(request, _("您提交申请过于频繁，请稍后再试，或到政府信息公开工作机构当面提交。"))
            form.renew_challenge()
            return render(request, "requests/public/apply.html", {"form": form}, status=429)
        if form.is_valid():
            data = {field: form.cleaned_data.get(field) for field in PUBLIC_FIELDS}
            try:
                with transaction.atomic():  # the token is used only if the case is filed
                    spam.consume_token(form.token_nonce)
                    submitted = intake.submit_online(form.cleaned_data["organization"], data, request=request)
            except spam.TokenProblem as problem:
                messages.error(request, str(problem))
                form.renew_challenge()
                return render(request, "requests/public/apply.html", {"form": form}, status=409)
            except ActionRefused as exc:
                messages.error(request, exc.reason)
            else:
                # A new session id before the session is bound to the case (no fixation).
                request.session.cycle_key()
                query_codes.hold(request.session, SESSION_SUBMITTED, submitted.case.tracking_number,
                                 submitted.query_code)
                request.session[SESSION_CASE] = submitted.case.pk
                return redirect("requests_public:done")
        form.renew_challenge()
        return render(request, "requests/public/apply.html", {"form": form}, status=400)
    return render(request, "requests/public/apply.html", {"form": ApplicationForm(initial=initial)})


@never_cache
@require_http_methods(["GET", "POST"])
def done(request):
    """The tracking number and query code. Shown again for query_codes.SHOW_AGAIN_SECONDS (a reload, the
    display and language switches); posting 「我已记下」 removes the code from the session."""
    if request.method == "POST":
        query_codes.release(request.session, SESSION_SUBMITTED)
        return redirect("requests_public:case")
    submitted = query_codes.held(request.session, SESSION_SUBMITTED)
    if not submitted:
        return redirect("requests_public:lookup")
    return render(request, "requests/public/done.html", {
        "submitted": submitted, "minutes": query_codes.SHOW_AGAIN_SECONDS // 60})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not spam.allow(request, "lookup"):
            messages.error(request, _("查询过于频繁，请10分钟后再试。"))
            return render(request, "requests/public/lookup.html", {"form": LookupForm()}, status=429)
        if form.is_valid():
            case = intake.find_for_applicant(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
            if case is not None:
                request.session.cycle_key()
                request.session[SESSION_CASE] = case.pk
                return redirect("requests_public:case")
            form.add_error(None, _("申请编号或查询码不正确。"))
        return render(request, "requests/public/lookup.html", {"form": form}, status=400)
    return render(request, "requests/public/lookup.html", {"form": form})


def _granted_case(request) -> RequestCase:
    case_id = request.session.get(SESSION_CASE)
    if not case_id:
        raise Http404
    return get_object_or_404(RequestCase.objects.select_related("organization"), pk=case_id)


def _pending_period(case) -> dict | None:
    """The reply period in working days, for a due date that falls in a year not entered yet."""
    inputs = reply_inputs(case)
    if inputs is None:
        return None
    return {"workdays": statute.reply_regime(inputs.received_on).reply_workdays,
            "extension": inputs.extension_workdays, "restarted": inputs.correction_received_on is not None}


@never_cache
def case(request):
    if not request.session.get(SESSION_CASE):
        return redirect("requests_public:lookup")
    case = _granted_case(request)
    reply = next((line for line in case_clocks(case).lines if line.key == "reply"), None)
    pending = _pending_period(case) if reply is not None and reply.pending_year else None
    documents = [cd.document for cd in CaseDocument.objects.filter(case=case, for_applicant=True)
                 .select_related("document")]
    return render(request, "requests/public/case.html", {
        "case": case, "reply": reply, "pending": pending, "documents": documents, "public_state": public_state(case),
        "disclosed": list(case.disclosed.select_related("item")) if disclosure.available_until(case) else [],
        "available_until": disclosure.available_until(case), "downloadable": disclosure.downloadable(case)})


def disclosed(request, document_id: int):
    """网上查询下载 of the information provided: logged, and only within the configured period."""
    case = _granted_case(request)
    document = get_object_or_404(DisclosedDocument.objects.select_related("item"), case=case, pk=document_id)
    if not disclosure.downloadable(case):
        return render(request, "requests/public/expired.html", {"case": case,
                                                                "until": disclosure.available_until(case)}, status=410)
    disclosure.log_download(document, request.META.get("REMOTE_ADDR", ""))
    if document.item_id:
        return redirect("portal:item", item_id=document.item_id)
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def leave(request):
    request.session.pop(SESSION_CASE, None)
    query_codes.release(request.session, SESSION_SUBMITTED)
    return redirect("requests_public:lookup")


def _document(request, letter_id: int, extension: str):
    case = _granted_case(request)
    link = get_object_or_404(CaseDocument.objects.select_related("document"), case=case, document_id=letter_id,
                             for_applicant=True)
    document = link.document
    handle = (document.pdf if extension == "pdf" else document.docx).open("rb")
    response = FileResponse(handle, as_attachment=True, filename=document.filename(extension))
    response["Cache-Control"] = "private, no-store"
    return response


def document_pdf(request, letter_id: int):
    return _document(request, letter_id, "pdf")


def document_docx(request, letter_id: int):
    return _document(request, letter_id, "docx")
