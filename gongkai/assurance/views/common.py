"""Helpers of the staff pages under /staff/assurance/: refusals as messages, downloads, the index."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.accounts.access import staff_required
from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.services import ActionRefused

ACTIVE_TYPES = ("text/html", "image/svg", "application/xhtml", "text/xml", "application/xml")


def run(request, call, success: str):
    """Call a service; a refusal becomes an error message. Returns the service's result or None."""
    try:
        result = call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return None
    messages.success(request, success)
    return result if result is not None else True


def form_errors(request, form) -> None:
    """A form posted from a page that redirects back: each error as a message, named by its field
    (「审核意见（退回时必填）：…」), so the real reason (too long, NUL …) is said, not a guess. A missing answer is
    said by the field's own sentence (its error_messages["required"], e.g. 「请选择审核结论。」)."""
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        for error in errors:
            for text in error.messages:
                if field is None or not field.label or error.code == "required":
                    messages.error(request, text)
                else:
                    messages.error(request, _("%(label)s：%(error)s") % {"label": field.label, "error": text})


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def file_response(stored, name: str, content_type: str) -> FileResponse:
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if (content_type or "").startswith(ACTIVE_TYPES) or not content_type:
        content_type = "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def is_supervisor(user) -> bool:
    return bool(organization_ids_with(user, "assurance.manage"))


@staff_required
@require_GET
def index(request):
    from gongkai.assurance.models import Assessment, Campaign, TrainingSession
    from gongkai.assurance.services.selfcheck import visible_campaigns
    from gongkai.assurance.services.training import visible_sessions

    supervisor = is_supervisor(request.user)
    campaigns = visible_campaigns(request.user)
    assessments = Assessment.objects.filter(organization_id__in=organization_ids_with(request.user, "assurance.manage"))
    if not supervisor:
        campaigns = campaigns.exclude(state=Campaign.State.DRAFT)
        assessments = Assessment.objects.filter(state=Assessment.State.PUBLISHED)
    return render(request, "assurance/staff/index.html", {
        "supervisor": supervisor, "campaigns": campaigns[:5], "assessments": assessments[:5],
        "sessions": visible_sessions(request.user).select_related("organization")[:5],
        "training_levels": TrainingSession.Level,
    })
