"""Staff pages under /staff/mailbox/: the list with clocks, a message and its actions, registering a
message received by phone/letter/visit, 常见问题 and the county's settings. A unit sees its own messages;
the 政务公开办 sees every message below it (message.view)."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.masking import mask, mask_numbers, mask_personal_numbers, mask_phone
from gongkai.core.params import id_param, text_param
from gongkai.core.services import ActionRefused
from gongkai.mailbox import queries, services
from gongkai.mailbox.forms import (
    DeclineForm,
    FaqForm,
    MoveForm,
    PolicyForm,
    RegisterForm,
    ReplyForm,
    ReturnForm,
    TransferForm,
)
from gongkai.mailbox.models import OPEN_STATES, Faq, MailboxPolicy, Message, MessageAttachment, State
from gongkai.organizations.models import Organization
from gongkai.requests import spam

PAGE_SIZE = 30


def visible(user):
    return Message.objects.filter(organization_id__in=organization_ids_with(user, "message.view"))


def _get(request, message_id: int) -> Message:
    return get_object_or_404(visible(request.user).select_related("organization", "addressee", "replied_by"),
                             pk=message_id)


@staff_required
@require_GET
def message_list(request):
    org_ids = organization_ids_with(request.user, "message.view")
    found = visible(request.user).select_related("organization")
    state = request.GET.get("state", "")
    if state in State.values:
        found = found.filter(state=state)
    elif state == "open":
        found = found.filter(state__in=OPEN_STATES)
    org = id_param(request, "org")
    if org in org_ids:
        found = found.filter(organization_id=org)
    q = text_param(request)  # a control character is a 400 (NUL was a 500 on PostgreSQL)
    if q:
        # Over messages whose personal data the reader sees masked, only what is shown is searched.
        found = queries.staff_matching(found, q, services.personal_organization_ids(request.user))
    page = Paginator(found.order_by("-received_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.with_clocks(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "mailbox/staff/list.html", {
        "page": page, "rows": rows, "states": State.choices, "state": state, "q": q, "org": str(org or ""),
        "organizations": Organization.objects.filter(id__in=org_ids).order_by("sort_order", "id"),
        "base_params": params.urlencode(), "veto": list(queries.unanswered_beyond_veto(org_ids)[:20]),
        "can_register": bool(organization_ids_with(request.user, "message.handle")
                             or organization_ids_with(request.user, "message.dispatch")),
        "can_settings": bool(organization_ids_with(request.user, "message.settings")),
    })


@never_cache
@staff_required
def message_detail(request, message_id: int):
    return _detail_page(request, _get(request, message_id))


def _detail_page(request, message: Message, failed=None, status=200):
    """The message and its action panels; `failed`: (action, bound form) after a refused POST, shown with its
    errors and what was typed."""
    user = request.user
    personal = services.may_see_personal(user, message)
    contact = message.contact
    forms = {"move_form": MoveForm(), "transfer_form": TransferForm(), "decline_form": DeclineForm(),
             "reply_form": ReplyForm(initial={"text": message.draft}), "return_form": ReturnForm()}
    if failed:
        forms[FORM_KEYS[failed[0]]] = failed[1]
    return render(request, "mailbox/staff/detail.html", {
        "message": message, "clock": queries.clock(message), "events": message.events.select_related(
            "actor", "from_organization", "to_organization"),
        "personal": personal, "contact": contact if personal else "",
        # Supervision (政务公开办) sees that a contact was left, masked, to check the unit's handling.
        "masked_contact": _masked_contact(contact),
        # ID and mobile numbers masked for every reader; landlines too for one who may not see personal data.
        "subject": _staff_text(message.subject, personal), "content": _staff_text(message.content, personal),
        "attachments": list(message.attachments.all()),
        "can_handle": services.may_handle(user, message), "can_move": services.may_move(user, message),
        "can_dispatch": services.may_dispatch(user, message),
        "can_approve": services.may_approve(user, message), "can_return": services.may_return(user, message),
        # The drafter sees the panel with the button disabled and why (four eyes: services.approval_refusal).
        "own_draft": services.approval_refusal(user, message) if services.drafted_by(user, message) else None,
        # The 政务公开办 approves for a unit without a 审核员 of its own (or whose only 审核员 drafted the
        # reply); the panel says so.
        "approves_for_unit": not services.may_handle(user, message)
        and services.supervisor_approves(user, message),
        "unit_has_reviewer": services.has_reviewer(message, besides_drafter=False),
        "can_unpublish": services.may_unpublish(user, message),
        "can_faq": has_perm(user, "message.faq", message.organization_id),
        "failed_form": failed[1] if failed else None, **forms,
        "two_step": MailboxPolicy.current().two_step_approval,
    }, status=status)


def _staff_text(text: str, personal: bool) -> str:
    return mask_numbers(text) if personal else mask_personal_numbers(text)


def _masked_contact(contact: str) -> str:
    if not contact:
        return ""
    if "@" in contact:
        local, _at, domain = contact.rpartition("@")
        return f"{mask(local, 1, 0)}@{domain}"
    return mask_phone(contact)


ACTIONS = {"accept", "route", "transfer", "decline", "reply", "approve", "return", "publish", "unpublish"}
FORMS = {"route": MoveForm, "transfer": TransferForm, "decline": DeclineForm, "reply": ReplyForm,
         "return": ReturnForm}
FORM_KEYS = {"route": "move_form", "transfer": "transfer_form", "decline": "decline_form", "reply": "reply_form",
             "return": "return_form"}


@staff_required
@require_POST
def message_action(request, message_id: int, action: str):
    message = _get(request, message_id)
    if action not in ACTIONS:
        return redirect("mailbox_staff:detail", message_id=message.pk)
    user = request.user
    form = FORMS[action](request.POST) if action in FORMS else None
    if form is not None and not form.is_valid():
        # Nothing is saved; the page shows the form's own errors and keeps what was typed.
        return _detail_page(request, message, failed=(action, form), status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "accept":
            services.accept(user, message, request=request)
        elif action in ("route", "transfer"):
            verb = services.route if action == "route" else services.transfer
            verb(user, message, data["organization"], data["reason"], request=request)
        elif action == "decline":
            services.decline(user, message, data["reason"], data["note"], request=request)
        elif action == "reply":
            services.reply(user, message, data["text"], request=request)
        elif action == "approve":
            services.approve(user, message, request=request)
        elif action == "return":
            services.return_draft(user, message, data["note"], request=request)
        else:
            services.set_published(user, message, action == "publish", request=request)
    except ActionRefused as exc:
        flash.error(request, exc.reason)
    else:
        flash.success(request, _("已保存。"))
    if not visible(user).filter(pk=message.pk).exists():  # transferred out of the user's units
        return redirect("mailbox_staff:list")
    return redirect("mailbox_staff:detail", message_id=message.pk)


@staff_required
def attachment(request, message_id: int, file_id: int):
    message = _get(request, message_id)
    if not services.may_see_personal(request.user, message):
        return forbidden(request, _("只有承办单位可以查看留言附件。"))
    item = get_object_or_404(MessageAttachment, message=message, pk=file_id)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
    response["Cache-Control"] = "private, no-store"
    return response


def _handle_orgs(user):
    ids = organization_ids_with(user, "message.handle") | organization_ids_with(user, "message.dispatch")
    return Organization.objects.filter(pk__in=ids, is_active=True).order_by("sort_order", "id")


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    orgs = _handle_orgs(request.user)
    if not orgs.exists():
        return forbidden(request, _("您没有登记留言的权限。"))
    form = RegisterForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the token is used only if the message is registered
                spam.consume_staff_token(data["form_token"], _(
                    "这条留言已经登记过（可能重复点击了登记按钮），未再次登记。请在留言列表中查看；"
                    "如需登记另一条留言，请重新填写。"))
                submitted = services.register(request.user, data["organization"], data, data["channel"],
                                              data["received_on"], request=request)
        except spam.TokenUsed as problem:
            flash.error(request, str(problem))
            return redirect("mailbox_staff:list")
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            return render(request, "mailbox/staff/registered.html", {"submitted": submitted})
    return render(request, "mailbox/staff/register.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
@require_GET
def faq_list(request):
    org_ids = organization_ids_with(request.user, "message.faq")
    entries = Faq.objects.filter(organization_id__in=org_ids).select_related("organization")
    return render(request, "mailbox/staff/faq_list.html", {"entries": entries, "can_add": bool(org_ids)})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def faq_edit(request, faq_id: int | None = None):
    org_ids = organization_ids_with(request.user, "message.faq")
    orgs = Organization.objects.filter(pk__in=org_ids).order_by("sort_order", "id")
    faq = get_object_or_404(Faq, pk=faq_id, organization_id__in=org_ids) if faq_id else None
    source = None
    initial = {}
    source_id = id_param(request, "from")
    if faq is None and source_id:
        source = visible(request.user).filter(pk=source_id, state=State.ANSWERED).first()
        if source is not None:
            # A public entry: it starts from the message as the public reads it (numbers masked).
            initial = {"organization": source.organization_id, "question": source.public.subject,
                       "answer": source.public.reply}
    if not org_ids:
        return forbidden(request, _("您没有维护常见问题的权限。"))
    form = FaqForm(request.POST or None, instance=faq, organizations=orgs, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete") and faq is not None:
            try:
                services.delete_faq(request.user, faq, request=request)
            except ActionRefused as exc:
                flash.error(request, exc.reason)
            return redirect("mailbox_staff:faq_list")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_faq(request.user, faq, data["organization"], data["topic"], data["question"],
                                  data["answer"], data["is_public"], source=source, request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                flash.success(request, _("常见问题已保存。"))
                return redirect("mailbox_staff:faq_list")
    return render(request, "mailbox/staff/faq_edit.html", {"form": form, "faq": faq},
                  status=400 if form.errors else 200)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    if not organization_ids_with(request.user, "message.settings"):
        return forbidden(request, _("只有政务公开办可以修改留言办理设置。"))
    policy = MailboxPolicy.current()
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_policy(request.user, {name: form.cleaned_data[name] for name in PolicyForm.Meta.fields},
                                   request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            flash.success(request, _("设置已保存。新的答复期限适用于此后收到的留言。"))
            return redirect("mailbox_staff:settings")
    return render(request, "mailbox/staff/settings.html", {"form": form}, status=400 if form.errors else 200)
