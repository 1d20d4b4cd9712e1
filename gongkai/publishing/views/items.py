"""List, editor (create/edit) and detail page of items."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.labels import action_label
from gongkai.audit.models import AuditEvent
from gongkai.core.forms import add_refusal
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.publishing import extensions, queries, services
from gongkai.publishing.actions import available_actions, edit_permission
from gongkai.publishing.choices import State
from gongkai.publishing.forms import ItemFilterForm, ItemForm, PublishForm, ReasonForm, ReviewForm
from gongkai.publishing.lag import item_publication_lag
from gongkai.publishing.models import InformationItem
from gongkai.publishing.queries import visible_items
from gongkai.publishing.views.common import get_item
from gongkai.workdays.calendar import UnknownYearError

PAGE_SIZE = 20


@staff_required
@require_GET
def item_list(request):
    organizations = Organization.objects.filter(pk__in=organization_ids_with(request.user, "item.view"))
    form = ItemFilterForm(request.GET or None, organizations=organizations)
    items = visible_items(request.user).order_by("-updated_at", "-id")
    if form.is_bound:
        if form.is_valid():
            items = _filtered(items, form.cleaned_data, request.user)
        else:
            items = items.none()
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/item_list.html", {"form": form, "page": page})


def _filtered(items, data, user):
    if data["q"]:
        items = items.filter(title__icontains=data["q"])
    if data["state"] == ItemFilterForm.SCHEDULED:
        items = items.filter(state=State.PUBLISHED, published_at__gt=timezone.now())
    elif data["state"]:
        items = items.filter(state=data["state"])
    if data["organization"]:
        items = items.filter(organization_id=data["organization"])
    if data["mine"]:
        items = items.filter(created_by=user)
    return items


def _save(request, form, item: InformationItem | None) -> InformationItem | None:
    """Create or update the item and add its attachments in one transaction: all or nothing."""
    stored = []
    try:
        with transaction.atomic():
            nodes = form.cleaned_data.get("catalog_nodes") or []
            if item is None:
                item = services.create_item(request.user, form.cleaned_data["organization"], form.item_data(),
                                            nodes, request=request)
            else:
                item = services.update_item(request.user, item, form.item_data(), nodes, request=request)
            for uploaded in form.cleaned_data.get("attachments") or []:
                stored.append(services.add_attachment(request.user, item, uploaded, request=request))
    except ActionRefused as exc:
        for attachment in stored:  # the rows are rolled back; remove their files too
            attachment.file.delete(save=False)
        add_refusal(form, exc)  # on its field when it names one the form shows (an extension's date check)
        return None
    return item


@staff_required
def item_create(request):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "item.create")))
    if not organizations:
        return forbidden(request, _("您没有起草政府信息的岗位（信息员、审核员或单位管理员），不能新建信息。"))
    form = ItemForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        item = _save(request, form, None)
        if item is not None:
            messages.success(request, _("草稿已保存。"))
            return redirect("publishing:detail", item_id=item.pk)
    return render(request, "publishing/item_form.html", {"form": form, "item": None})


@staff_required
def item_edit(request, item_id: int):
    item = get_item(request, item_id)
    perm = edit_permission(item)
    if perm is None:
        return forbidden(request, _("“%(state)s”状态的信息不能修改：送审中的信息须先由审核员退回，已删除的信息只能查看。")
                         % {"state": item.get_state_display()})
    if not has_perm(request.user, perm, item.organization_id):
        reason = (_("已发布或已撤回的信息只能由本单位审核员更正。") if perm == "item.edit_published"
                  else _("您没有修改本单位信息的岗位。"))
        return forbidden(request, reason)
    form = ItemForm(request.POST or None, request.FILES or None,
                    instance=InformationItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        if _save(request, form, item) is not None:
            messages.success(request, _("修改已保存。"))
            return redirect("publishing:detail", item_id=item.pk)
    return render(request, "publishing/item_form.html", {"form": form, "item": item})


def item_events(item: InformationItem) -> list[tuple[AuditEvent, str]]:
    """The item's audit trail, oldest first, each event with its readable action name."""
    events = AuditEvent.objects.filter(object_type=InformationItem._meta.label_lower, object_id=str(item.pk))
    return [(event, action_label(event.action)) for event in events.order_by("at", "id")]


def detail_context(request, item: InformationItem, review_data=None, **forms) -> dict:
    actions = available_actions(request.user, item)
    lag, lag_problem = None, ""
    if item.published_at and item.published_at <= timezone.now():
        try:
            lag = item_publication_lag(item)
        except UnknownYearError as exc:
            lag_problem = str(exc)
    context = {
        "item": item,
        "actions": actions,
        "nodes": item.catalog_nodes.select_related("parent__parent__parent"),
        "attachments": item.attachments.defer("text"),
        "reviews": item.reviews.select_related("reviewer"),
        "events": item_events(item),
        "lag": lag,
        "lag_problem": lag_problem,
        "review_form": ReviewForm(),
        "publish_form": PublishForm(),
        "withdraw_form": ReasonForm(prefix="withdraw"),
        "delete_form": ReasonForm(prefix="delete"),
        # What other apps add (publishing/extensions.py): links, sections, review checks and panels.
        "extra_links": extensions.links(request, item),
        "item_sections": extensions.sections(),
        "review_problems": extensions.review_problems(item) if "review" in actions else [],
        "review_panels": extensions.panels(request.user, item, review_data) if "review" in actions else [],
    }
    context.update(forms)
    return context


@staff_required
@require_GET
def item_detail(request, item_id: int):
    item = get_item(request, item_id)
    return render(request, "publishing/item_detail.html", detail_context(request, item))


@staff_required
@require_GET
def review_queue(request):
    """Submitted items in units where the user is 审核员, oldest first."""
    page = Paginator(queries.review_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/review_queue.html", {"page": page})
