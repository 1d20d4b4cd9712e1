"""The lists the 政务公开办 keeps: the 负面清单, the 严重错误 terms, the leaders and their posts; and a checker
any staff member can try a text with."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.assurance import checker
from gongkai.assurance.forms import ErrorTermForm, LeaderForm, NegativeEntryForm
from gongkai.assurance.models import ErrorTerm, Leader, NegativeEntry
from gongkai.assurance.services import errors, negative
from gongkai.assurance.services.common import supervised_ids
from gongkai.assurance.views.common import is_supervisor, run


def _list_page(request, *, form, save, items, template, success, redirect_to):
    if not is_supervisor(request.user):
        return forbidden(request, _("该名单由政务公开办维护。"))
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: save(form.cleaned_data), success):
            return redirect(redirect_to)
    return render(request, template, {"form": form, "items": items})


def _edit_page(request, *, form, save, title, back):
    if request.method == "POST" and form.is_valid():
        if run(request, lambda: save(form.cleaned_data), _("已保存。")):
            return redirect(back[0])
    return render(request, "assurance/staff/simple_form.html", {"form": form, "title": title, "back": back})


@staff_required
def negative_list(request):
    return _list_page(
        request, form=NegativeEntryForm(request.POST or None, initial={"is_active": True}),
        save=lambda data: negative.save_entry(request.user, data, request=request),
        items=NegativeEntry.objects.filter(organization_id__in=supervised_ids(request.user)),
        template="assurance/staff/negative_list.html", success=_("条目已添加。"), redirect_to="assurance:negative")


@staff_required
def negative_edit(request, negative_id: int):
    entry = get_object_or_404(NegativeEntry, pk=negative_id, organization_id__in=supervised_ids(request.user))
    return _edit_page(request, form=NegativeEntryForm(request.POST or None, instance=NegativeEntry.objects.get(pk=entry.pk)),
                      save=lambda data: negative.save_entry(request.user, data, entry, request=request),
                      title=_("修改负面清单条目"), back=("assurance:negative", _("政务公开负面清单")))


@staff_required
def terms(request):
    return _list_page(
        request, form=ErrorTermForm(request.POST or None, initial={"is_active": True}),
        save=lambda data: errors.save_term(request.user, data, request=request), items=ErrorTerm.objects.all(),
        template="assurance/staff/terms.html", success=_("词条已添加。"), redirect_to="assurance:terms")


@staff_required
def term_edit(request, error_term_id: int):
    if not is_supervisor(request.user):
        raise Http404
    term = get_object_or_404(ErrorTerm, pk=error_term_id)
    return _edit_page(request, form=ErrorTermForm(request.POST or None, instance=ErrorTerm.objects.get(pk=term.pk)),
                      save=lambda data: errors.save_term(request.user, data, term, request=request),
                      title=_("修改严重错误词条"), back=("assurance:terms", _("严重错误词条")))


@staff_required
def leaders(request):
    return _list_page(
        request, form=LeaderForm(request.POST or None, initial={"is_active": True}),
        save=lambda data: errors.save_leader(request.user, data, request=request), items=Leader.objects.all(),
        template="assurance/staff/leaders.html", success=_("已添加。"), redirect_to="assurance:leaders")


@staff_required
def leader_edit(request, leader_id: int):
    if not is_supervisor(request.user):
        raise Http404
    leader = get_object_or_404(Leader, pk=leader_id)
    return _edit_page(request, form=LeaderForm(request.POST or None, instance=Leader.objects.get(pk=leader.pk)),
                      save=lambda data: errors.save_leader(request.user, data, leader, request=request),
                      title=_("修改领导姓名和职务"), back=("assurance:leaders", _("领导姓名和职务")))


@staff_required
def try_checker(request):
    """Paste a text, see what the checker finds (nothing is stored)."""
    text = (request.POST.get("text") or "")[:20000] if request.method == "POST" else ""
    warnings = [w.as_dict() | {"kind_label": checker.kind_label(w.kind)} for w in checker.check_text(text)] if text else None
    return render(request, "assurance/staff/try_checker.html", {"text": text, "warnings": warnings})
