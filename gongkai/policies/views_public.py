"""The public 惠企政策 finder (/qyzc/), a policy's page and its 政策明白纸 (PDF), sent digests, the feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from gongkai.organizations.models import Organization
from gongkai.policies import digests, pdf, services
from gongkai.policies.forms import FinderForm
from gongkai.policies.models import Digest, EnterprisePolicy
from gongkai.portal.queries import live_items, site_organization_ids
from gongkai.publishing import validity

PER_PAGE = 10
# 正在申报 and 已截止 change with the date: these pages are not stored as static files, and caches
# ask again after a few minutes.
fresh = cache_control(public=True, max_age=300)


def _policies(request):
    return services.public_policies(live_items(request))


def _units(policies):
    ids = set(policies.values_list("item__organization_id", flat=True)) | set(
        policies.exclude(department__isnull=True).values_list("department_id", flat=True))
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_order", "id"))


@require_safe
@fresh
def finder(request):
    today = timezone.localdate()
    policies = _policies(request)
    form = FinderForm(request.GET or None, units=_units(policies))
    filters = {}
    if form.is_bound:
        form.is_valid()  # invalid values are dropped, the others still filter
        data = form.cleaned_data
        filters = {"industry": data.get("industry") or "", "size": data.get("size") or "",
                   "category": data.get("category") or "", "unit": data.get("unit"),
                   "open_on": today if data.get("open") else None, "keyword": data.get("q") or ""}
    found = services.filter_policies(policies, **filters).order_by("-item__published_at", "-id")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # The document's public state beside its title (尚未施行, 已修改), as in every list: one query per page.
    validity.mark_items([p.item for p in page.object_list], today)
    return render(request, "policies/finder.html", {
        "form": form, "page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number),
        "today": today, "query": query.urlencode(), "filtered": any(filters.values()),
        "entries": [(p, p.status(today), p.status_label(today), services.public_url(p.item)) for p in page],
        "open_count": services.filter_policies(policies, open_on=today).count(),
    })


def _policy(request, policy_id: int) -> EnterprisePolicy:
    return get_object_or_404(_policies(request), pk=policy_id)


@require_safe
@fresh
def detail(request, policy_id: int):
    policy = _policy(request, policy_id)
    today = timezone.localdate()
    return render(request, "policies/detail.html", {
        "policy": policy, "item": policy.item, "today": today, "status": policy.status(today),
        "status_label": policy.status_label(today), "document_url": services.public_url(policy.item),
    })


@require_safe
@fresh
def flyer(request, policy_id: int):
    policy = _policy(request, policy_id)
    url = request.build_absolute_uri(reverse("policies:detail", kwargs={"policy_id": policy.pk}))
    response = HttpResponse(pdf.flyer(policy, timezone.localdate(), url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="policy-{policy.pk}.pdf"'
    return response


def _sent_digest(request, digest_id: int) -> Digest:
    digest = get_object_or_404(Digest.objects.select_related("organization"), pk=digest_id, state=Digest.State.SENT)
    allowed = site_organization_ids(request)
    if allowed is not None and digest.organization_id not in allowed:
        raise Http404
    return digest


@require_safe
def digest_page(request, digest_id: int):
    digest = _sent_digest(request, digest_id)
    new, still_open = services.digest_policies(digest)
    return render(request, "policies/digest_public.html", {
        **digests.context(digest, new, still_open, request.build_absolute_uri()), "public_page": True})


@require_safe
def digest_pdf(request, digest_id: int):
    digest = _sent_digest(request, digest_id)
    new, still_open = services.digest_policies(digest)
    url = request.build_absolute_uri(reverse("policies:digest", kwargs={"digest_id": digest.pk}))
    response = HttpResponse(digests.pdf_bytes(digest, new, still_open, url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{digests.pdf_name(digest)}"'
    return response


class PolicyFeed(Feed):
    """The newest enterprise policies (RSS), for enterprises and 政务新媒体 that follow the site."""

    title = gettext_lazy("惠企政策")
    description = gettext_lazy("最新发布的涉企（惠企）政策：申请条件、申报材料、办理流程、承办部门、联系方式和申报时间。")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("policies:finder")

    def items(self):
        return _policies(self.request).order_by("-item__published_at", "-id")[:20]

    def item_title(self, policy):
        return policy.item.title

    def item_description(self, policy):
        today = timezone.localdate()
        window = _("申报时间：%(start)s 至 %(end)s（%(status)s）") % {
            "start": policy.starts_on or "—", "end": policy.ends_on or "—", "status": policy.status_label(today)}
        return f"{policy.get_category_display()} · {policy.get_delivery_display()} · {window}"

    def item_link(self, policy):
        return reverse("policies:detail", kwargs={"policy_id": policy.pk})

    def item_pubdate(self, policy):
        return policy.item.published_at

    def item_categories(self, policy):
        return [policy.get_category_display(), *policy.industry_labels()]
