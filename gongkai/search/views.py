"""The public search page: works without JavaScript (a GET form and links), one page per request."""

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import gettext as _

from gongkai.core.params import without_controls
from gongkai.organizations.models import Organization
from gongkai.portal.queries import site_organization_ids
from gongkai.search import extra, kinds, segment, services
from gongkai.search import facets as facet_labels
from gongkai.search.forms import FILTER_FIELDS, SearchForm
from gongkai.search.query import FACETS, MAX_RESULT_WINDOW, SORT_RELEVANCE
from gongkai.search.text import MAX_QUERY_CHARS

# Facet name -> query-string parameter.
FACET_PARAMS = {"kind": "type", "organization": "org", "node": "node", "year": "year", "topic": "topic", "doc_type": "doc_type",
                "validity": "validity"}


def _url(params, **changes) -> str:
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


def _facet_groups(results, params) -> list[dict]:
    groups = []
    for name in FACETS:
        param = FACET_PARAMS[name]
        active = params.get(param, "")
        values = []
        for value in results.facets.get(name, []):
            selected = value.value == active
            values.append({
                "label": value.label, "count": value.count, "selected": selected,
                "url": _url(params, **{param: "" if selected else value.value}),
            })
        if values:
            shown, more = _split_values(values)
            groups.append({"name": name, "title": facet_labels.FACET_TITLES[name], "values": shown, "more": more})
    return groups


# How many values of a facet show before 「更多」: on a phone the unit facet alone listed every unit of the
# county (≈ 50 lines) before the page's end; the rest stay one tap away, in a <details> that needs no script.
FACET_VALUES_SHOWN = 8


def _split_values(values: list[dict]) -> tuple[list[dict], list[dict]]:
    """The first FACET_VALUES_SHOWN values (the engine's order, most matches first) and the rest; a selected
    value is always among those shown, so its 「点击取消」 link is never folded away."""
    if len(values) <= FACET_VALUES_SHOWN:
        return values, []
    shown, more = values[:FACET_VALUES_SHOWN], values[FACET_VALUES_SHOWN:]
    selected = [v for v in more if v["selected"]]
    if selected:
        more = [v for v in more if not v["selected"]]
        shown = shown + selected
    return shown, more


def _active_filters(form, params) -> list[dict]:
    data = form.valid_data()
    labels = []
    org_id = data.get("org")
    for field in FILTER_FIELDS:
        value = data.get(field)
        if value in (None, ""):
            continue
        shown = value
        if field == "org":
            shown = Organization.objects.filter(id=org_id).values_list("name", flat=True).first() or value
        elif hasattr(form.fields[field], "choices"):
            shown = dict(form.fields[field].choices).get(value, value)
        labels.append({"title": form.fields[field].label, "value": shown, "remove_url": _url(params, **{field: ""})})
    return labels


def _add_kind_bucket(groups: list[dict], kind: str, count: int, params) -> None:
    """A type-facet value for texts outside the index (公报文章), counted from the page's extra results."""
    if not kind or not count:
        return
    group = next((g for g in groups if g["name"] == "kind"), None)
    if group is None:
        group = {"name": "kind", "title": facet_labels.FACET_TITLES["kind"], "values": []}
        groups.insert(0, group)
    selected = params.get("type", "") == kind
    group["values"].append({"label": kinds.label(kind), "count": count, "selected": selected,
                            "url": _url(params, type="" if selected else kind)})


def results(request):
    params = request.GET.copy()
    if "q" in params:  # a NUL or another control character: searched, linked and shown as if not typed
        params["q"] = without_controls(params["q"])
    typed = len(params.get("q", ""))
    if typed > MAX_QUERY_CHARS:  # searched, linked and shown cut: a long query makes no long page
        params["q"] = params["q"][:MAX_QUERY_CHARS]
    scope = site_organization_ids(request)
    form = SearchForm(params, scope=scope)
    query = form.to_query(scope=scope)
    found = services.search(query)
    # Only whole pages within the engine's result window: a last page reaching past it would come back empty.
    window = MAX_RESULT_WINDOW // query.page_size * query.page_size
    paginator = Paginator(range(min(found.count, window)), query.page_size)
    # A page past the last one (a hand-edited or outdated link): said so, with links to the first and last.
    out_of_range = bool(found.count) and query.page > paginator.num_pages
    page_obj = paginator.get_page(query.page) if found.count and not out_of_range else None
    context = {
        "form": form,
        "query": query,
        "results": found,
        "facet_groups": _facet_groups(found, params),
        "active_filters": _active_filters(form, params),
        "invalid_fields": [form.fields[name].label for name in form.errors if name in form.fields],
        "query_cut": {"typed": typed, "kept": MAX_QUERY_CHARS} if typed > MAX_QUERY_CHARS else None,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1) if page_obj else [],
        "out_of_range": {"page": query.page, "pages": paginator.num_pages,
                         "windowed": found.count > MAX_RESULT_WINDOW} if out_of_range else None,
        "base_params": _url(params).lstrip("?"),
        "organization": Organization.objects.filter(id=query.organization_id).first() if query.organization_id else None,
        "title": _("搜索：%(q)s") % {"q": " ".join(query.terms)[:50]} if query.has_text else _("站内搜索"),
    }
    # Texts that are not items (政府公报 articles with their own text), from the apps that registered a
    # source (search/extra.py), on the first page only, unless another type is chosen.
    first_page = query.has_text and query.page == 1
    for name in extra.names():
        wanted = first_page and (not query.kind or query.kind == extra.kind_of(name))
        context[name] = extra.results_of(name, query.terms, site_organization_ids(request)) if wanted else []
        _add_kind_bucket(context["facet_groups"], extra.kind_of(name), len(context[name]), params)
    context["nothing_found"] = not found.count and not any(context[name] for name in extra.names())
    if query.has_text and context["nothing_found"] and not found.unavailable and query.page == 1:
        context["suggestions"] = services.suggest(query)
    context["sort_links"] = [
        {"label": label, "url": _url(params, sort="" if value == SORT_RELEVANCE else value),
         "current": query.sort == value}
        for value, label in form.fields["sort"].choices]
    return render(request, "search/results.html", context)


def dictionary(request):
    """The government-terms dictionary, one word per line, for IK's remote (hot-reloaded) dictionary
    on an OpenSearch/Elasticsearch cluster (docs/search.md). IK polls it with If-Modified-Since."""
    path = segment.DICTIONARY
    last_modified = http_date(path.stat().st_mtime)
    if request.headers.get("If-Modified-Since") == last_modified:
        return HttpResponseNotModified()
    response = HttpResponse("\n".join(segment.dictionary_words()) + "\n", content_type="text/plain; charset=utf-8")
    response["Last-Modified"] = last_modified
    response["ETag"] = f'"{path.stat().st_mtime_ns:x}"'
    return response
