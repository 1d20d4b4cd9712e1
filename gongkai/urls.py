from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from gongkai.portal.views import site

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("api/v1/", site.api_index, name="api_index"),  # the index; the API itself is the include below
    path("api/v1/", include("gongkai.api.urls")),
    path("", include("gongkai.feeds.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("gongkai.accounts.urls")),
    path("staff/items/", include("gongkai.publishing.urls")),
    path("staff/import/", include("gongkai.interchange.urls")),
    path("staff/audit/", include("gongkai.workbench.urls_audit")),
    path("staff/catalog/", include("gongkai.catalog.urls")),
    path("staff/organizations/", include("gongkai.workbench.urls_units")),
    path("staff/regulations/", include("gongkai.regulations.urls_staff")),
    path("staff/interpretations/", include("gongkai.interpretations.urls_staff")),
    path("staff/gazette/", include("gongkai.gazette.urls_staff")),
    path("staff/requests/", include("gongkai.requests.urls_staff")),
    path("gfxwj/", include("gongkai.regulations.urls")),
    path("zcjd/", include("gongkai.interpretations.urls")),
    path("zfgb/", include("gongkai.gazette.urls")),
    path("yisqgk/", include("gongkai.requests.urls_public")),
    path("staff/reports/", include("gongkai.reports.urls_staff")),
    path("ndbg/", include("gongkai.reports.urls")),
    path("staff/workplan/", include("gongkai.workplan.urls_staff")),
    path("staff/inspection/", include("gongkai.inspection.urls")),
    path("staff/assurance/", include("gongkai.assurance.urls_staff")),
    path("fmqd/", include("gongkai.assurance.urls_public")),
    path("staff/search/", include("gongkai.search.urls_staff")),
    path("gzyd/", include("gongkai.workplan.urls")),
    path("staff/", include("gongkai.workbench.urls")),
    path("search/", include("gongkai.search.urls")),
    path("", include("gongkai.portal.urls")),
    prefix_default_language=False,
)
