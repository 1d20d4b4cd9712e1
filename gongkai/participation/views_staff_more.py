"""Staff pages of the 重大行政决策事项目录 and of hearings, events and 列席 meetings."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.masking import mask_phone
from gongkai.core.services import ActionRefused
from gongkai.participation import catalog as services
from gongkai.participation import gatherings
from gongkai.participation.forms import (
    AttendeeForm,
    CatalogForm,
    EntryForm,
    EvaluationForm,
    EventForm,
    HearingForm,
    ImportForm,
    LinkForm,
    MeetingForm,
    RecordForm,
    StandardForm,
    UpdateForm,
)
from gongkai.participation.models import DecisionCatalog, DecisionEntry, Event, Hearing, Meeting, PublishState
from gongkai.participation.views_staff import create_once, form_action, get_owned, organizations_with, run


# --- catalogs -----------------------------------------------------------------------------------------
@staff_required
def catalog_create(request):
    organizations = organizations_with(request, "participation.manage")
    if not organizations:
        return forbidden(request, _("您没有编制重大行政决策事项目录的岗位。"))
    form = CatalogForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalog = services.create_catalog(request.user, data["organization"], data["year"], data["standard"],
                                              request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            return redirect("participation_staff:catalog", decision_catalog_id=catalog.pk)
    return render(request, "participation/staff/form.html", {"form": form, "title": _("新建重大行政决策事项目录")})


def _catalog_url(decision_catalog_id, anchor=""):
    return reverse("participation_staff:catalog", kwargs={"decision_catalog_id": decision_catalog_id}) + anchor


@staff_required
def catalog_detail(request, decision_catalog_id: int, bound=None):
    """The catalog's staff page; `bound`: (name, form) of a form sent from it that comes back with its errors and
    what was typed (views_staff.form_action)."""
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    org_id = catalog.organization_id
    name, form = bound or ("", None)
    return render(request, "participation/staff/catalog.html", {
        "catalog": catalog, "entries": list(catalog.entries.select_related("decision_item")),
        "can_manage": has_perm(request.user, "participation.manage", org_id),
        "can_publish": has_perm(request.user, "participation.publish", org_id),
        "standard_form": StandardForm(initial={"standard": catalog.standard}), "entry_form": EntryForm(
            initial={"number": (max((e.number for e in catalog.entries.all()), default=0) + 1)}),
        "import_form": ImportForm(), "is_draft": catalog.state == PublishState.DRAFT,
        "public_url": reverse("participation:catalog", kwargs={"org_id": org_id, "year": catalog.year}),
        **({name: form} if form else {}), "open_form": name, "bound_form": form,
    }, status=400 if form else 200)


def _catalog_page(request, catalog, name):
    return lambda form: catalog_detail(request, catalog.pk, bound=(name, form))


@staff_required
@require_POST
def catalog_standard(request, decision_catalog_id: int):
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    return form_action(request, StandardForm, lambda d: services.update_standard(
        request.user, catalog, d["standard"], request=request), _("标准已保存。"), _catalog_url(catalog.pk),
        _catalog_page(request, catalog, "standard_form"))


@staff_required
@require_POST
def catalog_publish(request, decision_catalog_id: int):
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    return run(request, lambda: services.publish_catalog(request.user, catalog, request=request),
               _("目录已发布。"), _catalog_url(catalog.pk))


@staff_required
@require_POST
def entry_add(request, decision_catalog_id: int):
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    return form_action(request, EntryForm, lambda d: services.save_entry(request.user, catalog, d, request=request),
                       _("事项已添加。"), _catalog_url(catalog.pk), _catalog_page(request, catalog, "entry_form"))


@staff_required
def entry_edit(request, decision_entry_id: int, bound=None):
    """The entry's form, and its decision, 执行情况 and 后评估 forms; `bound`: (name, form) of one of these sent
    from the page that comes back with its errors and what was typed (views_staff.form_action)."""
    entry = get_owned(request, DecisionEntry, decision_entry_id, "catalog.organization_id")
    if not has_perm(request.user, "participation.manage", entry.catalog.organization_id):
        return forbidden(request, _("只有本单位的信息员、审核员可以修改目录事项。"))
    name, sent = bound or ("", None)
    form = EntryForm(request.POST if request.method == "POST" and not bound else None,
                     instance=DecisionEntry.objects.get(pk=entry.pk))
    if request.method == "POST" and not bound and form.is_valid():
        try:
            services.save_entry(request.user, entry.catalog, form.cleaned_data, entry=entry, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("事项已保存，调整记录在目录页面公开。"))
            return redirect(_catalog_url(entry.catalog_id))
    return render(request, "participation/staff/entry.html", {
        "form": form, "entry": entry, "update_form": UpdateForm(), "evaluation_form": EvaluationForm(
            initial={"conclusion": entry.evaluation_conclusion, "report": entry.evaluation_report}),
        "link_form": LinkForm(), "updates": list(entry.updates.all()),
        **({name: sent} if sent else {}), "open_form": name, "bound_form": sent,
        "can_publish": has_perm(request.user, "participation.publish", entry.catalog.organization_id)},
        status=400 if sent else 200)


def _entry_url(decision_entry_id):
    return reverse("participation_staff:entry", kwargs={"decision_entry_id": decision_entry_id})


def _entry_page(request, entry, name):
    return lambda form: entry_edit(request, entry.pk, bound=(name, form))


@staff_required
@require_POST
def entry_update(request, decision_entry_id: int):
    entry = get_owned(request, DecisionEntry, decision_entry_id, "catalog.organization_id")
    return form_action(request, UpdateForm, lambda d: services.add_update(
        request.user, entry, d["reported_on"], d["text"], request=request), _("执行情况已发布。"), _entry_url(entry.pk),
        _entry_page(request, entry, "update_form"))


@staff_required
@require_POST
def entry_evaluate(request, decision_entry_id: int):
    entry = get_owned(request, DecisionEntry, decision_entry_id, "catalog.organization_id")
    return form_action(request, EvaluationForm, lambda d: services.evaluate(
        request.user, entry, d["evaluated_on"], d["conclusion"], d["report"], request=request),
        _("后评估已发布。"), _entry_url(entry.pk), _entry_page(request, entry, "evaluation_form"))


@staff_required
@require_POST
def entry_link(request, decision_entry_id: int):
    entry = get_owned(request, DecisionEntry, decision_entry_id, "catalog.organization_id")
    return form_action(request, LinkForm, lambda d: services.link_entry_decision(
        request.user, entry, d["index_no"], request=request), _("已关联决策文件。"), _entry_url(entry.pk),
        _entry_page(request, entry, "link_form"))


@staff_required
@require_POST
def catalog_import(request, decision_catalog_id: int):
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _catalog_page(request, catalog, "import_form")(form)
    upload = form.cleaned_data["file"]
    if upload.size > services.MAX_IMPORT_BYTES:
        form.add_error("file", _("文件过大（上限 2 MB）。"))
        return _catalog_page(request, catalog, "import_form")(form)
    try:
        created, updated = services.import_xlsx(request.user, catalog, upload.read(), request=request)
    except ActionRefused as exc:
        form.add_error("file", _("未导入：%(reason)s") % {"reason": exc.reason})
        return _catalog_page(request, catalog, "import_form")(form)
    messages.success(request, _("已导入：新增%(c)s项，更新%(u)s项。") % {"c": created, "u": updated})
    return redirect(_catalog_url(catalog.pk))


@staff_required
def catalog_export(request, decision_catalog_id: int):
    catalog = get_owned(request, DecisionCatalog, decision_catalog_id)
    record(request.user, "participation.export_catalog", catalog, organization=catalog.organization, request=request)
    response = HttpResponse(services.export_xlsx(catalog),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="decision-catalog-{catalog.organization_id}-{catalog.year}.xlsx"'
    return response


# --- hearings, events, meetings -----------------------------------------------------------------------
KINDS = {
    "hearing": (Hearing, HearingForm, gatherings.save_hearing, gettext_lazy("听证会")),
    "activity": (Event, EventForm, gatherings.save_event, gettext_lazy("公众参与活动")),
    "meeting": (Meeting, MeetingForm, gatherings.save_meeting, gettext_lazy("列席会议")),
}


REPEATED = {
    "hearing": gettext_lazy("这场听证会已经保存过（可能重复点击了保存按钮），未再次保存。"),
    "activity": gettext_lazy("这项活动已经保存过（可能重复点击了保存按钮），未再次保存。"),
    "meeting": gettext_lazy("这次会议已经保存过（可能重复点击了保存按钮），未再次保存。"),
}


def _gathering_url(kind, pk):
    return reverse(f"participation_staff:{kind}", kwargs={f"{kind}_id": pk})


def _gathering_form(request, kind, obj=None):
    model, form_class, save, label = KINDS[kind]
    organizations = [obj.organization] if obj else organizations_with(request, "participation.manage")
    if not organizations or (obj and not has_perm(request.user, "participation.manage", obj.organization_id)):
        return forbidden(request, _("您没有组织公众参与活动的岗位。"))
    form = form_class(request.POST or None, instance=obj, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        saved, response = None, None
        if obj is None:  # single-use: a double-click creates one
            saved, response = create_once(request, form, lambda: save(
                request.user, model(organization=form.cleaned_data["organization"]), form.cleaned_data,
                request=request), REPEATED[kind])
        else:
            try:
                saved = save(request.user, obj, form.cleaned_data, request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
        if response:
            return response
        if saved:
            messages.success(request, _("已保存。"))
            return redirect(_gathering_url(kind, saved.pk))
    return render(request, "participation/staff/form.html", {"form": form, "title": label})


def creator(kind):
    @staff_required
    def view(request):
        return _gathering_form(request, kind)
    return view


def editor(kind):
    @staff_required
    def view(request, **kwargs):
        return _gathering_form(request, kind, get_owned(request, KINDS[kind][0], kwargs[f"{kind}_id"]))
    return view


def detail(kind):
    @staff_required
    def view(request, bound=None, **kwargs):
        """`bound`: (name, form) of the record or attendee form as sent, with its errors (form_action)."""
        obj = get_owned(request, KINDS[kind][0], kwargs[f"{kind}_id"])
        name, sent = bound or ("", None)
        personal = has_perm(request.user, "participation.view_personal", obj.organization_id)
        registrations = []
        if kind != "meeting":  # hearings and activities take registrations
            for r in obj.registrations.all():
                registrations.append({"name": r.name if personal else "", "affiliation": r.affiliation if personal else "",
                                      "phone": mask_phone(r.phone) if personal else "", "created_at": r.created_at})
        public = {"hearing": ("participation:hearing", "hearing_id"), "activity": ("participation:event", "event_id")}.get(kind)
        return render(request, "participation/staff/gathering.html", {
            "obj": obj, "kind": kind, "label": KINDS[kind][3], "registrations": registrations, "personal": personal,
            "can_manage": has_perm(request.user, "participation.manage", obj.organization_id),
            "can_publish": has_perm(request.user, "participation.publish", obj.organization_id),
            "is_draft": obj.state == PublishState.DRAFT, "record_form": RecordForm(), "attendee_form": AttendeeForm(),
            "attendees": list(obj.attendees.all()) if kind == "meeting" else [],
            "public_url": reverse(public[0], kwargs={public[1]: obj.pk}) if public else
            reverse("participation:meetings") + f"?year={obj.held_on.year}",
            **({name: sent} if sent else {}), "bound_form": sent,
        }, status=400 if sent else 200)
    return view


def _gathering_page(request, kind, obj, name):
    return lambda form: detail(kind)(request, bound=(name, form), **{f"{kind}_id": obj.pk})


def publisher(kind):
    @staff_required
    @require_POST
    def view(request, **kwargs):
        obj = get_owned(request, KINDS[kind][0], kwargs[f"{kind}_id"])
        return run(request, lambda: gatherings.publish(request.user, obj, request=request), _("已发布。"),
                   _gathering_url(kind, obj.pk))
    return view


def recorder(kind):
    @staff_required
    @require_POST
    def view(request, **kwargs):
        obj = get_owned(request, KINDS[kind][0], kwargs[f"{kind}_id"])
        return form_action(request, RecordForm, lambda d: gatherings.publish_record(
            request.user, obj, d["text"], request=request), _("已公开。"), _gathering_url(kind, obj.pk),
            _gathering_page(request, kind, obj, "record_form"))
    return view


@staff_required
@require_POST
def attendee_add(request, meeting_id: int):
    meeting = get_owned(request, Meeting, meeting_id)
    return form_action(request, AttendeeForm, lambda d: gatherings.add_attendee(
        request.user, meeting, d["category"], d["name"], d["name_public"], request=request),
        _("已登记列席人员。"), _gathering_url("meeting", meeting.pk), _gathering_page(request, "meeting", meeting, "attendee_form"))
