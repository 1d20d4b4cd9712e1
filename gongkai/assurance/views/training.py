"""Training pages: sessions, materials, attendance, the yearly count per unit."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.assurance.forms import AttendanceForm, MaterialForm, SessionForm
from gongkai.assurance.models import Attendance, TrainingMaterial, TrainingSession
from gongkai.assurance.services import training
from gongkai.assurance.views.common import file_response, is_supervisor, run
from gongkai.core.params import int_param
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization


def _session(request, training_id: int) -> TrainingSession:
    return get_object_or_404(training.visible_sessions(request.user).select_related("organization"), pk=training_id)


@staff_required
def sessions(request):
    year = int_param(request, "year", min_value=2000, max_value=2100) or timezone.localdate().year
    supervised = organization_ids_with(request.user, "assurance.manage")
    scope = supervised or organization_ids_with(request.user, "assurance.view")
    return render(request, "assurance/staff/sessions.html", {
        "sessions": training.visible_sessions(request.user).filter(held_on__year=year).select_related("organization"),
        "year": year, "counts": training.yearly_counts(year, scope),
        "can_create": bool(organization_ids_with(request.user, "assurance.training"))})


@staff_required
def session_create(request):
    allowed = organization_ids_with(request.user, "assurance.training")
    if not allowed:
        return forbidden(request, _("只有政务公开办或单位管理员可以登记培训。"))
    own = Organization.objects.filter(pk__in=allowed).order_by("sort_order", "id").first()
    from gongkai.assurance.services.common import managed_county

    supervisor = is_supervisor(request.user)
    organizer = managed_county(request.user) if supervisor else own
    form = SessionForm(request.POST or None, request.FILES or None, county_level=supervisor)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                session = training.save_session(request.user, organizer, form.cleaned_data, request=request)
                if form.cleaned_data.get("materials"):
                    training.add_material(request.user, session, form.cleaned_data["materials"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("培训已登记，请继续登记参训人员。"))
            return redirect("assurance:session", training_id=session.pk)
    return render(request, "assurance/staff/simple_form.html", {
        "form": form, "title": _("登记培训"), "multipart": True, "back": ("assurance:sessions", _("培训"))})


@staff_required
def session_edit(request, training_id: int):
    session = _session(request, training_id)
    if not has_perm(request.user, "assurance.training", session.organization_id):
        raise Http404
    form = SessionForm(request.POST or None, instance=TrainingSession.objects.get(pk=session.pk),
                       county_level=session.level == TrainingSession.Level.COUNTY
                       or has_perm(request.user, "assurance.manage", session.organization_id))
    del form.fields["materials"]
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: training.save_session(request.user, session.organization, form.cleaned_data, session,
                                                      request=request), _("已保存。")):
            return redirect("assurance:session", training_id=session.pk)
    return render(request, "assurance/staff/simple_form.html", {
        "form": form, "title": _("修改培训"), "back": ("assurance:sessions", _("培训"))})


@staff_required
def session_detail(request, training_id: int):
    session = _session(request, training_id)
    units = training.attendee_units(request.user, session)
    attendance = session.attendance.select_related("organization")
    if not is_supervisor(request.user):
        attendance = attendance.filter(organization_id__in=organization_ids_with(request.user, "assurance.view"))
    unit_choices = Organization.objects.filter(pk__in=units, is_active=True).order_by("sort_order", "id")
    return render(request, "assurance/staff/session.html", {
        "session": session, "attendance": attendance, "materials": session.materials.all(),
        "can_manage": has_perm(request.user, "assurance.training", session.organization_id),
        "attendance_form": AttendanceForm(units=unit_choices) if units else None, "material_form": MaterialForm(),
        "total": session.attendance.count(), "units_total": session.attendance.values("organization").distinct().count(),
    })


@staff_required
@require_POST
def attendance_add(request, training_id: int):
    session = _session(request, training_id)
    units = Organization.objects.filter(pk__in=training.attendee_units(request.user, session))
    if not units.exists():
        raise Http404
    form = AttendanceForm(request.POST, units=units)
    if form.is_valid():
        run(request, lambda: training.add_attendance(request.user, session, form.cleaned_data["organization"],
                                                     form.cleaned_data["names"], request=request), _("参训人员已登记。"))
    else:
        messages.error(request, _("请选择单位并填写参训人员姓名。"))
    return redirect("assurance:session", training_id=session.pk)


@staff_required
@require_POST
def attendance_remove(request, training_attendance_id: int):
    attendance = get_object_or_404(Attendance.objects.select_related("session"), pk=training_attendance_id)
    session = _session(request, attendance.session_id)
    if attendance.organization_id not in training.attendee_units(request.user, session):
        raise Http404
    run(request, lambda: training.remove_attendance(request.user, attendance, request=request), _("已删除。"))
    return redirect("assurance:session", training_id=session.pk)


@staff_required
@require_POST
def material_add(request, training_id: int):
    session = _session(request, training_id)
    if not has_perm(request.user, "assurance.training", session.organization_id):
        raise Http404
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        run(request, lambda: training.add_material(request.user, session, form.cleaned_data["file"], request=request),
            _("培训材料已上传。"))
    else:
        messages.error(request, _("请选择要上传的文件。"))
    return redirect("assurance:session", training_id=session.pk)


@staff_required
@require_POST
def material_remove(request, training_material_id: int):
    material = get_object_or_404(TrainingMaterial.objects.select_related("session"), pk=training_material_id)
    session = _session(request, material.session_id)
    if not has_perm(request.user, "assurance.training", session.organization_id):
        raise Http404
    run(request, lambda: training.remove_material(request.user, material, request=request), _("已删除。"))
    return redirect("assurance:session", training_id=session.pk)


@staff_required
def material_download(request, training_material_id: int):
    material = get_object_or_404(TrainingMaterial, pk=training_material_id)
    _session(request, material.session_id)
    return file_response(material.file, material.original_name, material.content_type)
