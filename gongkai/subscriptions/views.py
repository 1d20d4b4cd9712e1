"""Public pages under /dy/: what can be followed, the subscribe forms, confirm, unsubscribe, manage.

Every page that carries a personal token (confirm, unsubscribe, manage) is never cached and changes
nothing on GET: the change is a POST (mail scanners open links). The unsubscribe POST also answers the
one-click List-Unsubscribe-Post of RFC 8058, which comes without a CSRF token: the token in the URL is
the authorization.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.services import ActionRefused
from gongkai.portal.models import SiteProfile
from gongkai.portal.queries import site_organization_ids
from gongkai.portal.sites import current_site_profile
from gongkai.requests import spam
from gongkai.subscriptions import registry, services
from gongkai.subscriptions.forms import ChangeForm, EnterpriseSubscribeForm, ManageLinkForm, SubscribeForm
from gongkai.subscriptions.models import Frequency
from gongkai.subscriptions.topics import SEARCH, SEARCH_FIELDS, invalid_search_filters


def _no_referrer(response):
    # The token in the address never leaves in a Referer to another site ("no-referrer" would also make
    # the browser send "Origin: null" with the page's own POST, which the CSRF check refuses).
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
def index(request):
    return render(request, "subscriptions/index.html",
                  {"topics": registry.topics(), "manage_form": ManageLinkForm(),
                   "enterprise_kind": services.ENTERPRISE_KIND})


def _search_query(data) -> dict:
    return {field: str(data.get(field) or "")[:200] for field in SEARCH_FIELDS if data.get(field)}


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request, kind):
    topic = registry.get(kind)
    if topic is None:
        raise Http404
    enterprise = kind == services.ENTERPRISE_KIND
    form_class = EnterpriseSubscribeForm if enterprise else SubscribeForm
    query = _search_query(request.POST if request.method == "POST" else request.GET) if kind == SEARCH else {}
    query_error = services.query_refusal(query)  # checked first: a NUL never reaches a database query
    if not query_error:
        invalid = invalid_search_filters(query, site_organization_ids(request)) if query else []
        query_error = services.invalid_query_reason(invalid) if invalid else ""
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, topic=topic, organization_ids=site_organization_ids(request))
        if form.is_valid() and query_error:
            form.add_error(None, query_error)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.request_subscription(
                    email=data["email"], kind=kind, key=data.get("key") or "", frequency=data["frequency"],
                    query=query,
                    enterprise={"name": data["enterprise_name"], "credit_code": data["credit_code"],
                                "industries": data["industries"]} if enterprise else None,
                    client_digest=spam.client_digest(request), site=current_site_profile(request),
                )
            except ActionRefused as exc:
                messages.error(request, exc.reason)
                status = 429
            else:
                return redirect("subscriptions:sent")
        else:
            status = 400
    else:
        initial = {"key": request.GET.get("key", "")} if "key" in request.GET else {}
        form = form_class(initial=initial, topic=topic, organization_ids=site_organization_ids(request))
    try:
        query_label = services.describe(kind, "", query) if query and not query_error else ""
    except ActionRefused:
        query_label = ""
    return render(request, "subscriptions/subscribe.html",
                  {"topic": topic, "form": form, "query": query, "query_label": query_label,
                   "query_error": query_error, "enterprise": enterprise}, status=status)


@never_cache
def sent(request):
    return render(request, "subscriptions/sent.html", {"confirm_days": services.CONFIRM_DAYS})


@never_cache
@require_POST
def manage_link(request):
    form = ManageLinkForm(request.POST)
    if form.is_valid():
        services.request_manage_link(form.cleaned_data["email"], spam.client_digest(request))
        return render(request, "subscriptions/sent.html", {"manage": True})
    return render(request, "subscriptions/index.html",
                  {"topics": registry.topics(), "manage_form": form, "enterprise_kind": services.ENTERPRISE_KIND},
                  status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    if request.method == "POST":
        try:
            subscription = services.confirm(token)
        except ActionRefused as exc:
            return _no_referrer(render(request, "subscriptions/problem.html", {"reason": exc.reason}, status=400))
        return _no_referrer(render(request, "subscriptions/confirmed.html", {
            "subscription": subscription, "manage_url": services.manage_url(subscription.subscriber)}))
    try:
        subscription = services.subscription_for_confirm(token)
    except ActionRefused as exc:
        return _no_referrer(render(request, "subscriptions/problem.html", {"reason": exc.reason}, status=400))
    # What is being confirmed, search terms included: shown here (after the click), never in the mail.
    return _no_referrer(render(request, "subscriptions/confirm.html", {"subscription": subscription}))


@never_cache
@csrf_exempt  # RFC 8058: the mail provider posts "List-Unsubscribe=One-Click" without our CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        if request.method == "POST":
            subscription = services.unsubscribe(token)
            return _no_referrer(render(request, "subscriptions/unsubscribed.html",
                                       {"subscription": subscription, "several_sites": _several_sites()}))
        subscription = services.subscription_for_unsubscribe(token)
    except ActionRefused as exc:
        return _no_referrer(render(request, "subscriptions/problem.html", {"reason": exc.reason}, status=400))
    return _no_referrer(render(request, "subscriptions/unsubscribe.html",
                               {"subscription": subscription, "several_sites": _several_sites()}))


def _several_sites() -> bool:
    """Several sites hosted on the platform: a subscription's page names the site it was made on (the same
    topic followed on two counties' sites is two subscriptions with the same label)."""
    return SiteProfile.objects.count() > 1


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscriber = services.subscriber_for_manage(token)
    except ActionRefused as exc:
        return _no_referrer(render(request, "subscriptions/problem.html", {"reason": exc.reason}, status=400))
    if request.method == "POST":
        form = ChangeForm(request.POST)
        if form.is_valid():
            try:
                services.change(subscriber, form.cleaned_data["subscription"],
                                frequency=form.cleaned_data.get("frequency") or None,
                                cancel=form.cleaned_data.get("cancel") or False)
            except ActionRefused as exc:
                messages.error(request, exc.reason)
            else:
                messages.success(request, _("已退订。") if form.cleaned_data.get("cancel") else _("推送频率已修改。"))
        else:
            messages.error(request, _("请选择列表中的推送频率后再提交。") if "frequency" in form.errors
                           else _("提交的内容无效，请刷新页面后重试。"))
        return redirect("subscriptions:manage", token=token)
    return _no_referrer(render(request, "subscriptions/manage.html", {
        "subscriptions": services.active_subscriptions(subscriber), "frequencies": Frequency.choices,
        "email_masked": subscriber.email_masked, "several_sites": _several_sites()}))
