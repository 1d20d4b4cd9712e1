"""The search form: query text and filters from the query string, validated field by field.

An invalid filter (a hand-edited URL) is dropped and reported, never an error page; the query text is
never refused: beyond text.MAX_QUERY_CHARS it is cut (the page says so, and echoes only the part used).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import allow_bidi
from gongkai.core.params import MAX_ID
from gongkai.core.widgets import DateInput
from gongkai.publishing import validity as public_validity
from gongkai.publishing.choices import DocType, Topic
from gongkai.search import kinds
from gongkai.search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    SORT_DATE,
    SORT_RELEVANCE,
    SearchQuery,
)

FILTER_FIELDS = ("type", "org", "node", "year", "topic", "doc_type", "validity", "date_from", "date_to")


def _choices(choices):
    return [("", _("全部")), *choices]


class SearchForm(forms.Form):
    # The query is normalized by the search itself (search/text.py: control and format characters, bidi
    # controls included, become spaces), never stored or shown as typed: no refusal, no 「已忽略」 notice.
    q = allow_bidi(forms.CharField(label=_("关键词"), required=False, strip=True, validators=[]))
    type = forms.ChoiceField(label=_("类型"), required=False)
    org = forms.IntegerField(label=_("发布机构"), required=False, min_value=1, max_value=MAX_ID)
    node = forms.IntegerField(label=_("目录栏目"), required=False, min_value=1, max_value=MAX_ID)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100)
    topic = forms.ChoiceField(label=_("主题分类"), required=False, choices=_choices(Topic.choices))
    doc_type = forms.ChoiceField(label=_("文种"), required=False, choices=_choices(DocType.choices))
    validity = forms.ChoiceField(label=_("有效性"), required=False)  # with 尚未施行 (publishing.validity)
    date_from = forms.DateField(label=_("发布日期从"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("至"), required=False, widget=DateInput())
    sort = forms.ChoiceField(label=_("排序"), required=False,
                             choices=[(SORT_RELEVANCE, _("按相关度")), (SORT_DATE, _("按发布日期"))])
    page = forms.IntegerField(label=_("页码"), required=False, min_value=1, max_value=MAX_RESULT_WINDOW)
    page_size = forms.IntegerField(label=_("每页条数"), required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, scope=None, **kwargs):
        """`scope`: the site's organization ids (None: every organization); another site's is not a filter."""
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["type"].choices = _choices(kinds.choices())
        self.fields["validity"].choices = _choices(public_validity.choices())

    def clean_org(self):
        org = self.cleaned_data.get("org")
        if org is not None and self.scope is not None and org not in self.scope:
            # Another site's organization (a province install): ignored like any invalid filter, never named.
            raise forms.ValidationError(_("本站没有该发布机构。"), code="other_site")
        return org

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return cleaned

    def valid_data(self) -> dict:
        """The cleaned value of every field that validated (invalid ones left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def to_query(self, scope=None) -> SearchQuery:
        """The query; `scope` is the site's organization ids (None: every organization)."""
        data = self.valid_data()
        return SearchQuery(
            scope=tuple(sorted(scope)) if scope is not None else None,
            q=str(self.data.get("q") or ""),
            organization_id=data.get("org"),
            node_id=data.get("node"),
            year=data.get("year"),
            topic=data.get("topic") or "",
            doc_type=data.get("doc_type") or "",
            validity=data.get("validity") or "",
            kind=data.get("type") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            page=data.get("page") or 1,
            sort=data.get("sort") or SORT_RELEVANCE,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
        )
