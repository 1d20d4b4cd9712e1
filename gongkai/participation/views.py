"""Public pages of the 「公众参与」 column (/gzcy/). Thin: reads from queries.py, writes through services."""

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.params import id_param
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.participation import catalog as catalog_services
from gongkai.participation import gatherings, paragraphs, queries, services
from gongkai.participation.forms import CommentForm, RegistrationForm
from gongkai.participation.labels import status_label
from gongkai.participation.models import DecisionEntry, PublishState
from gongkai.portal.queries import site_organization_ids
from gongkai.requests import spam

MAX_YEAR_SPAN = (2000, 2100)


def _ids(request):
    return site_organization_ids(request)


def index(request):
    open_, upcoming, closed = queries.split_consultations(_ids(request))
    now = timezone.now()
    hearings = list(queries.hearings(_ids(request)).order_by("-starts_at")[:10])
    events = list(queries.events(_ids(request)).order_by("-starts_at")[:10])
    return render(request, "participation/index.html", {
        "open": open_, "upcoming": upcoming, "closed": closed[:20], "hearings": hearings, "events": events,
        "now": now, "catalogs": list(queries.catalogs(_ids(request)).order_by("-year")[:10]),
    })


def _comment_page(request, consultation, form, status=200):
    blocks = paragraphs.split(consultation.draft)
    comments = queries.public_comments(consultation)
    by_paragraph = {}
    for comment in comments:
        by_paragraph.setdefault(comment.paragraph, []).append(comment)
    today = timezone.localdate()
    outcome = consultation.outcome_data if consultation.outcome_published_at else None
    return render(request, "participation/consultation.html", {
        "consultation": consultation, "status": consultation.public_status(today),
        "status_text": status_label(consultation, today),
        "blocks": [{"number": n, "html": html, "comments": by_paragraph.get(n, [])}
                   for n, html in enumerate(blocks, start=1)],
        "general_comments": by_paragraph.get(None, []), "comment_count": len(comments),
        "explanation": sanitize_html(consultation.explanation), "form": form,
        "is_open": consultation.is_open(today), "extensions": list(consultation.extensions.all()),
        "invitations": list(consultation.invitations.all()) if consultation.enterprise_related else [],
        "outcome": outcome, "outcome_text": sanitize_html(consultation.outcome_text),
    }, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def consultation(request, consultation_id: int):
    found = get_object_or_404(queries.consultations(_ids(request)), pk=consultation_id)
    if request.method != "POST":
        return _comment_page(request, found, CommentForm(consultation=found, initial={
            "paragraph": id_param(request, "p") or ""}))
    form = CommentForm(request.POST, consultation=found)
    if not spam.allow(request, "comment"):
        messages.error(request, _("您提交意见过于频繁，请稍后再试，或通过电子邮件、信函提交意见。"))
        form.renew_challenge()
        return _comment_page(request, found, form, status=429)
    if form.is_valid():
        data = {**form.cleaned_data, "may_publish": form.cleaned_data.get("may_publish")}
        try:
            with transaction.atomic():  # the token is used only if the comment is saved
                spam.consume_token(form.token_nonce, _("您的意见已经提交过（可能重复点击了提交按钮），未再次提交。"
                                                        "如需提出新的意见，请重新填写。"))
                services.submit_comment(found.pk, data)
        except spam.TokenProblem as problem:
            messages.error(request, str(problem))
            form.renew_challenge()
            return _comment_page(request, found, form, status=409)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("您的意见已提交，感谢参与。") + (
                _("经审核后将在本页公开（不公开您的姓名和联系方式）。") if data["may_publish"] else
                _("您选择了不公开意见内容，意见将由起草单位研究处理。")))
            return redirect(reverse("participation:consultation", kwargs={"consultation_id": found.pk}) + "#comment-form")
    form.renew_challenge()
    return _comment_page(request, found, form, status=400)


def catalogs(request):
    return render(request, "participation/catalogs.html", {
        "catalogs": list(queries.catalogs(_ids(request)).order_by("-year", "organization__sort_order"))})


def catalog(request, org_id: int, year: int):
    if not MAX_YEAR_SPAN[0] <= year <= MAX_YEAR_SPAN[1]:
        raise Http404
    found = get_object_or_404(queries.catalogs(_ids(request)), organization_id=org_id, year=year)
    entries = []
    for entry in found.entries.select_related("decision_item").prefetch_related("consultations", "hearings", "updates"):
        entries.append({
            "entry": entry, "history": catalog_services.entry_history(entry),
            "consultations": [c for c in entry.consultations.all() if c.state == PublishState.PUBLISHED],
            "hearings": [h for h in entry.hearings.all() if h.state == PublishState.PUBLISHED],
            "updates": list(entry.updates.all()), "evaluation": sanitize_html(entry.evaluation_report),
            "decision_live": entry.decision_item is not None and entry.decision_item.state == "published",
        })
    return render(request, "participation/catalog.html", {
        "catalog": found, "entries": entries, "evaluated": sum(1 for e in entries if e["entry"].evaluated),
        "statuses": DecisionEntry.Status})


def _register_page(request, obj, template, extra, form=None, status=200):
    is_open, why = gatherings.registration_state(obj)
    return render(request, template, {"form": form or (RegistrationForm() if is_open else None),
                                      "registration_open": is_open, "registration_closed_reason": why,
                                      "registered": obj.registrations.count(), **extra}, status=status)


def _register(request, obj, template, extra, bucket_url):
    if request.method != "POST":
        return _register_page(request, obj, template, extra)
    form = RegistrationForm(request.POST)
    if not spam.allow(request, "register"):
        messages.error(request, _("您提交报名过于频繁，请稍后再试，或按通知所列方式电话报名。"))
        form.renew_challenge()
        return _register_page(request, obj, template, extra, form, status=429)
    if form.is_valid():
        try:
            with transaction.atomic():
                spam.consume_token(form.token_nonce, _("您已经提交过这份报名（可能重复点击了提交按钮），未再次提交。"
                                                        "如需为他人报名，请重新填写。"))
                gatherings.register(obj, form.cleaned_data)
        except spam.TokenProblem as problem:
            messages.error(request, str(problem))
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("报名成功。主办单位将通过您留下的电话联系您确认。"))
            return redirect(bucket_url)
    form.renew_challenge()
    return _register_page(request, obj, template, extra, form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def hearing(request, hearing_id: int):
    found = get_object_or_404(queries.hearings(_ids(request)).select_related("entry__catalog"), pk=hearing_id)
    extra = {"hearing": found, "record": sanitize_html(found.record) if found.record_published_at else ""}
    return _register(request, found, "participation/hearing.html", extra,
                     reverse("participation:hearing", kwargs={"hearing_id": found.pk}))


@never_cache
@require_http_methods(["GET", "POST"])
def event(request, event_id: int):
    found = get_object_or_404(queries.events(_ids(request)), pk=event_id)
    extra = {"event": found, "followup": sanitize_html(found.followup) if found.followup_published_at else ""}
    return _register(request, found, "participation/event.html", extra,
                     reverse("participation:event", kwargs={"event_id": found.pk}))


def meetings(request):
    rows = queries.meetings(_ids(request)).prefetch_related("attendees")
    years = sorted({d.year for d in rows.values_list("held_on", flat=True)}, reverse=True)
    year = id_param(request, "year") or (years[0] if years else timezone.localdate().year)
    if not MAX_YEAR_SPAN[0] <= year <= MAX_YEAR_SPAN[1]:
        raise Http404
    shown = list(rows.filter(held_on__gte=dt.date(year, 1, 1), held_on__lte=dt.date(year, 12, 31)))
    return render(request, "participation/meetings.html", {
        "meetings": shown, "years": years, "year": year,
        "attendance": sum(len(m.attendees.all()) for m in shown)})
