"""The synonym dictionary's staff page (/staff/search/synonyms/): everyone on staff reads it, the
政务公开办 edits it (search.synonyms)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.core.forms import PlainTextMixin
from gongkai.core.services import ActionRefused
from gongkai.publishing.forms import NoSuffixMixin
from gongkai.search import dictionary
from gongkai.search.models import SynonymGroup


class SynonymForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    words = forms.CharField(label=gettext_lazy("同义词"), max_length=300,
                            help_text=gettext_lazy("两个或更多词，用空格或顿号分开，如“年报 年度报告 工作年度报告”。"),
                            error_messages={"required": gettext_lazy("请填写同义词。")})
    note = forms.CharField(label=gettext_lazy("说明"), max_length=200, required=False)


@staff_required
def synonyms(request, group_id: int | None = None):
    group = get_object_or_404(SynonymGroup, pk=group_id) if group_id else None
    editable = dictionary.may_edit(request.user)
    initial = {"words": group.words, "note": group.note} if group else None
    form = SynonymForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            return forbidden(request, _("只有政务公开办的工作人员可以维护同义词词典。"))
        if form.is_valid():
            try:
                dictionary.save_group(request.user, group, form.cleaned_data["words"], form.cleaned_data["note"],
                                      request=request)
            except ActionRefused as exc:
                form.add_error("words", exc.reason)
            else:
                messages.success(request, _("同义词组已保存，相关信息正在重新建立索引。"))
                return redirect("search_staff:synonyms")
    return render(request, "search/staff/synonyms.html", {
        "form": form, "group": group, "editable": editable, "groups": SynonymGroup.objects.all(),
    })


@staff_required
@require_POST
def synonym_delete(request, group_id: int):
    group = get_object_or_404(SynonymGroup, pk=group_id)
    try:
        dictionary.delete_group(request.user, group, request=request)
    except ActionRefused as exc:
        return forbidden(request, exc.reason)
    messages.success(request, _("同义词组已删除。"))
    return redirect("search_staff:synonyms")
