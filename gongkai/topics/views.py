"""Staff pages of 专题 (/staff/topics/) and the public 专题 pages (/zt/).

Who sees a 专题 on the staff side: the 政务公开办 that keeps it (topics.manage on its organization) and
the units it is open to; a 稿件: that office and the submitting unit. Anything else is a 404."""

import filetype
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.params import id_param, int_param
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import IMAGE_MIMES
from gongkai.organizations.models import Organization
from gongkai.requests import spam
from gongkai.topics import pages, presets, services
from gongkai.topics.forms import BannerForm, ColumnForm, DecisionForm, NewTopicForm, SubmitForm, TopicForm
from gongkai.topics.models import Column, Kind, Submission, SubmissionState, Topic

ITEM_CHOICES = 200
HEAD_BYTES = 262  # what filetype needs to recognise an image
PAGE_SIZE = 20


def _year(request) -> int:
    today = timezone.localdate()
    return int_param(request, "year", min_value=2000, max_value=today.year + 1) or today.year


def _open_topic_ids(user) -> set[int]:
    own = organization_ids_with(user, "topics.submit")
    if not own:
        return set()
    from gongkai.organizations.tree import descendant_ids

    ids = set(Topic.objects.filter(units__in=own).values_list("pk", flat=True))
    for topic in Topic.objects.filter(open_to_all=True):
        if own & descendant_ids([topic.organization_id]):
            ids.add(topic.pk)
    return ids


def visible_topics(user):
    managed = organization_ids_with(user, "topics.manage")
    return Topic.objects.filter(organization_id__in=managed) | Topic.objects.filter(pk__in=_open_topic_ids(user))


def _topic(request, topic_id: int) -> Topic:
    return get_object_or_404(visible_topics(request.user).distinct(), pk=topic_id)


def _unit_choices(user):
    managed = organization_ids_with(user, "topics.manage")
    return Organization.objects.filter(pk__in=managed).exclude(parent__isnull=True).order_by("sort_order", "id")


def _county(user):
    managed = organization_ids_with(user, "topics.manage")
    if not managed:
        return None
    # The top of the subtree: the one whose parent is not itself managed (NULL parents sort differently by database).
    return Organization.objects.filter(pk__in=managed).exclude(parent_id__in=managed).order_by("sort_order", "id").first()


@staff_required
def index(request):
    user = request.user
    county = _county(user)
    if county is not None:
        services.ensure_action_topic(county)
    managed = organization_ids_with(user, "topics.manage")
    topics = visible_topics(user).distinct().prefetch_related("columns")
    waiting = (Submission.objects.filter(state=SubmissionState.SUBMITTED, column__topic__organization_id__in=managed)
               .select_related("item", "organization", "column__topic").order_by("submitted_at"))
    own = organization_ids_with(user, "topics.submit")
    mine = (Submission.objects.filter(organization_id__in=own).select_related("item", "column__topic")
            .order_by("-submitted_at"))
    return render(request, "topics/staff/index.html", {
        "topics": topics, "waiting": waiting[:100], "mine": mine[:100], "can_manage": bool(managed),
        "can_submit": bool(own), "open_ids": _open_topic_ids(user),
    })


@staff_required
def topic_create(request):
    county = _county(request.user)
    if county is None:
        return forbidden(request, _("只有政务公开办可以新建专题。"))
    units = _unit_choices(request.user)
    form = NewTopicForm(request.POST or None, unit_choices=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["preset"] == "emergency":
            columns = presets.emergency_columns(county)
        else:
            columns = [(line.strip(), []) for line in (data["columns"] or "").splitlines() if line.strip()]
        chosen = list(units.filter(pk__in=data["units"]))
        for _name, column_units in columns:  # the units a column names may submit to it
            chosen += [u for u in column_units if u not in chosen]
        try:
            topic = services.create_topic(request.user, county, data, columns, chosen, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("专题已创建。"))
            return redirect("topics_staff:topic", topic_id=topic.pk)
    return render(request, "topics/staff/topic_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@staff_required
def topic_detail(request, topic_id: int):
    topic = _topic(request, topic_id)
    manage = has_perm(request.user, "topics.manage", topic.organization_id)
    form = TopicForm(instance=topic, unit_choices=_unit_choices(request.user)) if manage else None
    submissions = (Submission.objects.filter(column__topic=topic).select_related("item", "organization", "column")
                   .order_by("-submitted_at"))
    if not manage:
        submissions = submissions.filter(organization_id__in=organization_ids_with(request.user, "topics.submit"))
    notices = []
    if manage and topic.kind == Kind.ACTION:
        from django.apps import apps

        if apps.is_installed("gongkai.inspection"):
            from gongkai.inspection.models import Notice

            published = set(Submission.objects.filter(column__topic=topic).values_list("item_id", flat=True))
            notices = [(n, n.item_id in published) for n in Notice.objects.filter(
                organization_id=topic.organization_id, item__isnull=False).select_related("item").order_by("-id")[:20]]
    return render(request, "topics/staff/topic_detail.html", {
        "topic": topic, "form": form, "manage": manage, "submissions": submissions[:200],
        "column_form": ColumnForm(), "banner_form": BannerForm(), "notices": notices,
        "columns": topic.columns.prefetch_related("units"),
        "can_submit": topic.pk in _open_topic_ids(request.user),
    })


@staff_required
@require_POST
def topic_edit(request, topic_id: int):
    topic = _topic(request, topic_id)
    if not has_perm(request.user, "topics.manage", topic.organization_id):
        return forbidden(request, _("只有政务公开办可以修改专题。"))
    units = _unit_choices(request.user)
    form = TopicForm(request.POST, instance=Topic.objects.get(pk=topic.pk), unit_choices=units)
    if form.is_valid():
        try:
            services.update_topic(request.user, topic, form.cleaned_data,
                                  list(units.filter(pk__in=form.cleaned_data["units"])), request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("已保存。"))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("topics_staff:topic", topic_id=topic.pk)


@staff_required
@require_POST
def column_add(request, topic_id: int):
    topic = _topic(request, topic_id)
    if not has_perm(request.user, "topics.manage", topic.organization_id):
        return forbidden(request, _("只有政务公开办可以增加子栏目。"))
    form = ColumnForm(request.POST)
    if form.is_valid():
        try:
            services.add_column(request.user, topic, form.cleaned_data["name"], request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("已增加子栏目。"))
    else:  # the form's own reason (missing, too long, control characters)
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("topics_staff:topic", topic_id=topic.pk)


@staff_required
@require_POST
def banner_upload(request, topic_id: int):
    topic = _topic(request, topic_id)
    if not has_perm(request.user, "topics.manage", topic.organization_id):
        return forbidden(request, _("只有政务公开办可以设置横幅图片。"))
    form = BannerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_banner(request.user, topic, form.cleaned_data["banner"], form.cleaned_data["banner_alt"],
                                request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("横幅图片已更新。"))
    else:
        messages.error(request, _("请选择图片并填写图片说明。"))
    return redirect("topics_staff:topic", topic_id=topic.pk)


@staff_required
def column_submit(request, column_id: int):
    column = get_object_or_404(Column.objects.select_related("topic"), pk=column_id)
    if column.topic_id not in _open_topic_ids(request.user):
        raise Http404
    from gongkai.publishing.choices import State
    from gongkai.publishing.models import InformationItem

    if column.key == "notices":  # 问题通报 is the 政务公开办's own: never offered to a unit (services refuse it)
        raise Http404
    own = organization_ids_with(request.user, "topics.submit")
    units = [u for u in Organization.objects.filter(pk__in=own).order_by("sort_order", "id")
             if services.is_open_to(column.topic, u)]
    if not units:
        raise Http404
    # A user of several units chooses the one to submit for (?unit=, kept by the form's post); the first by default.
    chosen = id_param(request, "unit")
    unit = next((u for u in units if u.pk == chosen), units[0])
    items = (InformationItem.objects.filter(organization=unit).exclude(state__in=[State.DELETED, State.WITHDRAWN])
             .order_by("-updated_at")[:ITEM_CHOICES])
    form = SubmitForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["item"]:
                item = get_object_or_404(InformationItem, pk=int(data["item"]), organization=unit)
                submission = services.submit(request.user, column, item, data["note"], request=request)
            else:
                with transaction.atomic():  # the token is used only if the draft is made
                    spam.consume_staff_token(data["form_token"], _(
                        "这篇稿件已经起草并报送过（可能重复点击了报送按钮），未再次起草。请在本单位报送的稿件中查看。"))
                    submission = services.submit_new_draft(request.user, column, unit, data["title"], data["body"],
                                                           data["note"], request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("topics_staff:index")
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("稿件已报送，等待政务公开办审核。"))
            return redirect("topics_staff:submission", submission_id=submission.pk)
    return render(request, "topics/staff/submit.html", {"column": column, "form": form, "unit": unit, "units": units},
                  status=400 if request.method == "POST" else 200)


def _submission(request, submission_id: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("item", "organization", "column__topic"),
                                   pk=submission_id)
    user = request.user
    if not (has_perm(user, "topics.manage", submission.column.topic.organization_id)
            or has_perm(user, "topics.submit", submission.organization_id)):
        raise Http404
    return submission


@staff_required
def submission_detail(request, submission_id: int):
    submission = _submission(request, submission_id)
    manage = has_perm(request.user, "topics.manage", submission.column.topic.organization_id)
    form = DecisionForm(request.POST or None) if manage and submission.state == SubmissionState.SUBMITTED else None
    if request.method == "POST":
        if form is None:
            return forbidden(request, _("只有政务公开办可以审核待审核的稿件。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "adopt":
                    services.adopt(request.user, submission, data["comment"], request=request)
                    messages.success(request, _("已采用；信息公开后即在专题中显示。"))
                else:
                    services.return_submission(request.user, submission, data["comment"], request=request)
                    messages.success(request, _("已退回。"))
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                return redirect("topics_staff:submission", submission_id=submission.pk)
    return render(request, "topics/staff/submission.html", {"submission": submission, "form": form,
                                                            "manage": manage})


@staff_required
@require_POST
def notice_publish(request, topic_id: int, notice_id: int):
    topic = _topic(request, topic_id)
    if not has_perm(request.user, "topics.manage", topic.organization_id):
        return forbidden(request, _("只有政务公开办可以发布通报。"))
    from gongkai.inspection.models import Notice

    notice = get_object_or_404(Notice, pk=notice_id, organization_id=topic.organization_id)
    try:
        services.publish_notice(request.user, notice, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("通报已发布到“政务公开在行动”问题通报子栏目。"))
    return redirect("topics_staff:topic", topic_id=topic.pk)


@staff_required
def arena(request):
    user = request.user
    managed = organization_ids_with(user, "topics.manage")
    own = organization_ids_with(user, "topics.submit")
    if not managed and not own:
        return forbidden(request, _("您没有查看稿件统计的权限。"))
    year = _year(request)
    rows = services.arena(year, managed | own)
    return render(request, "topics/staff/arena.html", {
        "rows": rows, "year": year, "years": range(timezone.localdate().year, 2019, -1)})


# --- public ---------------------------------------------------------------------------------------


def public_index(request):
    topics = pages.listed_topics().prefetch_related("columns")
    return render(request, "topics/public/index.html", {"topics": topics})


def _public_topic(slug: str) -> Topic:
    return get_object_or_404(Topic, slug=slug, is_public=True)


def public_topic(request, slug: str):
    topic = _public_topic(slug)
    columns = list(topic.columns.all())
    shown = pages.newest_by_column(columns)
    rows = services.arena(timezone.localdate().year, public=True) if topic.kind == Kind.ACTION else None
    return render(request, "topics/public/topic.html", {
        "topic": topic, "columns": [(c, *shown[c.pk]) for c in columns], "arena": rows,
        "intro": mark_safe(sanitize_html(topic.intro)),  # noqa: S308 - sanitized just before
        "year": timezone.localdate().year,
    })


def public_column(request, slug: str, column_id: int):
    topic = _public_topic(slug)
    column = get_object_or_404(Column, pk=column_id, topic=topic)
    page = Paginator(pages.adopted([column]), PAGE_SIZE).get_page(int_param(request, "page") or 1)
    return render(request, "topics/public/column.html", {"topic": topic, "column": column, "page": page})


def banner(request, slug: str):
    topic = _public_topic(slug)
    if not topic.banner:
        raise Http404
    # The type of the content (as newmedia's QR codes): a banner stored before set_banner named files by their
    # content kept the uploaded name, and a GIF named .jpg would have been served as image/jpeg.
    handle = topic.banner.open("rb")
    kind = filetype.guess(handle.read(HEAD_BYTES))
    handle.seek(0)
    content_type = kind.mime if kind is not None and kind.mime in IMAGE_MIMES else "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
