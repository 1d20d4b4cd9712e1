"""The public 规范性文件库 (/gfxwj/): the filtered library and each document with its history."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.core.forms import KeywordField
from gongkai.core.sanitize import render_rich_text
from gongkai.organizations.models import Organization
from gongkai.portal.queries import live_items, public_items
from gongkai.publishing.choices import Topic
from gongkai.regulations import status
from gongkai.regulations.history import acted_on_by, acts_on, current_text, scheduled, timeline
from gongkai.regulations.models import NormativeDocument
from gongkai.regulations.status import CURRENT, CURRENT_LABEL, NOT_YET

PER_PAGE = 20
ALL = "all"


class LibraryFilter(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), required=False, initial=CURRENT,
                                 choices=[(CURRENT, CURRENT_LABEL), (ALL, _("全部")), *status.choices()])
    organization = forms.ModelChoiceField(label=_("制定机关"), required=False, queryset=Organization.objects.none(),
                                          empty_label=_("全部机关"))
    year = forms.TypedChoiceField(label=_("公布年份"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("主题分类"), required=False, choices=[("", _("全部主题")), *Topic.choices])
    q = KeywordField(label=_("标题或文号"), required=False, max_length=100)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=documents.values("issuer_links__organization")).order_by("sort_order", "id")
        years = sorted({d.year for d in documents.dates("promulgated_on", "year")}, reverse=True)
        self.fields["year"].choices = [("", _("全部年份")), *[(y, str(y)) for y in years]]


def public_documents(request):
    """Documents whose page a reader may open (withdrawn ones too, with their notice)."""
    return NormativeDocument.objects.filter(item__in=public_items(request))


def listed_documents(request):
    """Documents the library lists: published and not withdrawn (as every list of the site)."""
    return NormativeDocument.objects.filter(item__in=live_items(request))


def filter_documents(documents, data: dict, validity: str | None = None):
    """`validity`: the state asked for instead of the form's (the library counts 尚未施行 beside 现行有效)."""
    validity = validity or data.get("validity") or CURRENT
    if validity != ALL:  # as the list shows it: 现行有效 in force today, 尚未施行 apart from 有效 (status.py)
        documents = status.in_state(documents, validity, timezone.localdate())
    if data.get("organization"):
        documents = documents.filter(issuer_links__organization=data["organization"])
    if data.get("year"):
        documents = documents.filter(promulgated_on__year=data["year"])
    if data.get("topic"):
        documents = documents.filter(item__topic=data["topic"])
    if data.get("q"):
        documents = documents.filter(Q(item__title__icontains=data["q"]) | Q(item__doc_number__icontains=data["q"]))
    return documents.distinct()


@require_safe
def library(request):
    documents = listed_documents(request)
    form = LibraryFilter(request.GET or None, documents=documents)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    results = filter_documents(documents, data).select_related("item__organization").order_by("-promulgated_on", "-id")
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    showing_current = (data.get("validity") or CURRENT) == CURRENT
    # 现行有效 lists what is in force today; those published and waiting for their 施行日期 are one link away.
    waiting = filter_documents(documents, data, NOT_YET).count() if showing_current else 0
    waiting_query = request.GET.copy() if form.is_bound and form.is_valid() else QueryDict(mutable=True)
    waiting_query["validity"] = NOT_YET
    waiting_query.pop("page", None)
    return render(request, "regulations/library.html", {
        "form": form, "page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number),
        "showing_current": showing_current, "waiting": waiting, "waiting_query": waiting_query.urlencode(),
    })


@require_safe
def detail(request, document_id: int):
    queryset = public_documents(request).select_related("item__organization")
    document = get_object_or_404(queryset, pk=document_id)
    item = document.item
    today = timezone.localdate()
    from gongkai.interpretations.services import interpretations_for

    current = current_text(document)
    visible = set(public_documents(request).values_list("pk", flat=True))
    return render(request, "regulations/detail.html", {
        "document": document, "item": item, "organization": item.organization,
        "body": render_rich_text(item.body),
        "attachments": list(item.attachments.all()),
        "issuers": document.issuer_list(), "filings": list(document.filings.all()),
        "acted_on_by": acted_on_by(document), "acts_on": acts_on(document), "scheduled": scheduled(document),
        "timeline": timeline(document, today), "current": current, "visible": visible,
        "interpretations": interpretations_for(item, public=True),
        "is_withdrawn": item.state == "withdrawn",
    })
