"""Public pages under /hdjl/: the 「政民互动」 column, the 信箱 (write, look up, rate), the published answers,
the units' figures and 常见问题. A writer proves possession of a message with its number and query code
(posted, never in a URL); the session then holds that one message id. Nothing personal is ever shown."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import query_codes
from gongkai.core.params import id_param, without_controls
from gongkai.core.services import ActionRefused
from gongkai.mailbox import queries, services
from gongkai.mailbox.forms import LookupForm, MessageForm, PublicFilter, RatingForm, active_units
from gongkai.mailbox.models import Faq, Kind, MailboxPolicy, Message, MessageEvent
from gongkai.requests import spam

SESSION_MESSAGE = "mailbox_public_message"
SESSION_SUBMITTED = "mailbox_public_submitted"
PAGE_SIZE = 20
# Rate-limit buckets of this app in requests.spam (registered in apps.py).
BUCKET_WRITE, BUCKET_LOOKUP = "message", "message_lookup"


def column(request):
    recent = list(queries.published()[:6])
    return render(request, "mailbox/public/column.html", {"recent": recent})


def index(request):
    root = services.county_root()
    policy = MailboxPolicy.current()
    units = [unit for unit in active_units() if root is None or unit.pk != root.pk]
    return render(request, "mailbox/public/index.html", {
        "root": root, "units": units, "recent": list(queries.published()[:8]),
        "periods": [(label, policy.workdays_for(kind)) for kind, label in Kind.choices]})


def _write_page(request, form, status=200, subject="", org_id=None):
    if request.method == "POST" and request.FILES.getlist("attachments"):
        # The form comes back with what was typed, but a browser never refills a file input: say so, or the
        # writer answers the new question, submits, and files the message without the chosen files.
        form.add_error("attachments", _("所选附件未保存，请重新选择后再提交。"))
    found = queries.suggestions(subject, org_id) if subject else {"faqs": [], "messages": []}
    return render(request, "mailbox/public/write.html", {
        "form": form, "subject": subject, "suggested": found, "step_form": True}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def write(request):
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        # A post carrying files always counts, and is counted before anything opens them: checking uploads
        # (archives, macros) is work a robot over its allowance must not get for free.
        counted = bool(request.FILES) or spam.counts_against_allowance(form)
        if counted and not spam.allow(request, BUCKET_WRITE):
            flash.error(request, _("您留言过于频繁，请稍后再试，或拨打单位公开的电话反映。"))
            form = MessageForm(request.POST)  # the writer's text again; the page shown does not open the files
            form.renew_challenge()
            return _write_page(request, form, 429)
        if form.is_valid():
            data = {field: form.cleaned_data.get(field) for field in
                    ("kind", "subject", "content", "name", "contact", "may_publish", "attachments")}
            try:
                with transaction.atomic():  # the token is used only if the message is filed
                    spam.consume_token(form.token_nonce, _(
                        "这条留言已经提交过（可能重复点击了提交按钮），未再次提交。"
                        "请用提交后显示的留言编号和查询码查询；如需再次留言，请重新填写。"))
                    submitted = services.submit_online(form.cleaned_data["organization"], data, request=request)
            except spam.TokenProblem as problem:
                flash.error(request, str(problem))
                form.renew_challenge()
                return _write_page(request, form, 409)
            except ActionRefused as exc:
                flash.error(request, exc.reason)
            else:
                request.session.cycle_key()
                query_codes.hold(request.session, SESSION_SUBMITTED, submitted.message.tracking_number,
                                 submitted.query_code)
                request.session[SESSION_MESSAGE] = submitted.message.pk
                return redirect("mailbox:done")
        form.renew_challenge()
        return _write_page(request, form, 400)
    subject = (request.GET.get("subject") or "").strip()[:100]
    org_id = id_param(request, "org")
    if not subject and request.GET.get("step") != "form":
        # Step 1 (先看看常见问题): the subject first, so the answer may already be here.
        return render(request, "mailbox/public/write_first.html", {
            "units": active_units(), "org_id": org_id})
    initial = {"subject": subject}
    if org_id:
        initial["organization"] = org_id
    return _write_page(request, MessageForm(initial=initial), subject=subject, org_id=org_id)


def suggest(request):
    """As-you-type suggestions for the message form's script: JSON, public data only."""
    text = without_controls(request.GET.get("q") or "")[:100]  # a NUL is a 500 on PostgreSQL
    found = queries.suggestions(text, id_param(request, "org"))
    return JsonResponse({
        "faqs": [{"title": f.public.question, "url": reverse("mailbox:faq") + f"#faq-{f.pk}", "unit": f.organization.name}
                 for f in found["faqs"]],
        "messages": [{"title": m.public.subject, "url": reverse("mailbox:detail", kwargs={"message_id": m.pk}),
                      "unit": m.organization.name} for m in found["messages"]],
    })


@never_cache
@require_http_methods(["GET", "POST"])
def done(request):
    """The message number and query code. Shown again for query_codes.SHOW_AGAIN_SECONDS (a reload, the
    display and language switches); posting 「我已记下」 removes the code from the session."""
    if request.method == "POST":
        query_codes.release(request.session, SESSION_SUBMITTED)
        return redirect("mailbox:mine")
    submitted = query_codes.held(request.session, SESSION_SUBMITTED)
    if not submitted:
        return redirect("mailbox:lookup")
    return render(request, "mailbox/public/done.html", {
        "submitted": submitted, "minutes": query_codes.SHOW_AGAIN_SECONDS // 60})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not spam.allow(request, BUCKET_LOOKUP):
            flash.error(request, _("查询过于频繁，请10分钟后再试。"))
            return render(request, "mailbox/public/lookup.html", {"form": LookupForm()}, status=429)
        if form.is_valid():
            message = services.find_for_writer(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
            if message is not None:
                request.session.cycle_key()
                request.session[SESSION_MESSAGE] = message.pk
                return redirect("mailbox:mine")
            # Not an input mistake: the form was filled in, no message answers to it. One plain sentence for
            # both a wrong number and a wrong code, so the page never tells whether a number exists.
            return render(request, "mailbox/public/lookup.html", {"form": LookupForm(
                initial={"tracking_number": form.cleaned_data["tracking_number"]}), "not_found": True}, status=404)
        return render(request, "mailbox/public/lookup.html", {"form": form}, status=400)
    return render(request, "mailbox/public/lookup.html", {"form": form})


def _granted(request) -> Message:
    message_id = request.session.get(SESSION_MESSAGE)
    if not message_id:
        raise Http404
    return get_object_or_404(Message.objects.select_related("organization", "addressee"), pk=message_id)


PUBLIC_EVENTS = {MessageEvent.Type.RECEIVED, MessageEvent.Type.REGISTERED, MessageEvent.Type.ACCEPTED,
                 MessageEvent.Type.ROUTED, MessageEvent.Type.TRANSFERRED, MessageEvent.Type.DECLINED,
                 MessageEvent.Type.REPLIED, MessageEvent.Type.RATED}


@never_cache
def mine(request):
    if not request.session.get(SESSION_MESSAGE):
        return redirect("mailbox:lookup")
    return _mine_page(request, _granted(request))


def _mine_page(request, message, rating_form=None, status=200):
    events = [e for e in message.events.select_related("to_organization") if e.type in PUBLIC_EVENTS]
    if message.state != "answered" or message.rating:
        rating_form = None
    elif rating_form is None:
        rating_form = RatingForm()
    return render(request, "mailbox/public/mine.html", {
        "message": message, "clock": queries.clock(message), "events": events, "rating_form": rating_form},
        status=status)


@never_cache
@require_POST
def rate(request):
    message = _granted(request)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate(message, form.cleaned_data["rating"], form.cleaned_data["comment"], request=request)
        except ActionRefused as exc:
            flash.error(request, exc.reason)
        else:
            flash.success(request, _("感谢您的评价。"))
        return redirect("mailbox:mine")
    return _mine_page(request, message, form, status=400)  # the errors beside the fields, the text kept


@require_POST
def leave(request):
    request.session.pop(SESSION_MESSAGE, None)
    query_codes.release(request.session, SESSION_SUBMITTED)
    return redirect("mailbox:index")


def published_list(request):
    form = PublicFilter(request.GET or None)
    found = queries.published()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("org"):
            found = found.filter(organization=data["org"])
        if data.get("kind"):
            found = found.filter(kind=data["kind"])
        found = queries.matching(found, (data.get("q") or "").split())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "mailbox/public/list.html", {"form": form, "page_obj": page,
                                                        "base_params": params.urlencode()})


def detail(request, message_id: int):
    message = get_object_or_404(queries.published(), pk=message_id)
    return render(request, "mailbox/public/detail.html", {"message": message})


def stats(request):
    years = queries.years_with_messages() or [timezone.localdate().year]
    try:
        year = int(request.GET.get("year") or years[0])
        month = int(request.GET.get("month") or 0)
    except ValueError:
        year, month = years[0], 0
    if year not in years or not 0 <= month <= 12:
        year, month = years[0], 0
    rows, total = queries.figures(year, month or None)
    return render(request, "mailbox/public/stats.html", {
        "rows": rows, "total": total, "years": years, "year": year, "month": month, "months": range(1, 13)})


def faq(request):
    entries = Faq.objects.filter(is_public=True).select_related("organization")
    org_id = id_param(request, "org")
    if org_id:
        entries = entries.filter(organization_id=org_id)
    topic = (request.GET.get("topic") or "").strip()[:40]
    if topic:
        entries = entries.filter(topic=topic)
    groups: dict = {}
    for entry in entries.order_by("organization__sort_order", "organization_id", "topic", "pk"):
        groups.setdefault((entry.organization, entry.topic), []).append(entry)
    topics = sorted(set(Faq.objects.filter(is_public=True).values_list("topic", flat=True)))
    return render(request, "mailbox/public/faq.html", {
        "groups": [(org, topic_, items) for (org, topic_), items in groups.items()], "topics": topics,
        "topic": topic, "org_id": org_id, "units": active_units().filter(mailbox_faqs__is_public=True).distinct()})
