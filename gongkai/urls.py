from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from gongkai.api.index import api_index
from gongkai.portal.views import site

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("api/v1/", api_index, name="api_index"),  # the index; the API itself is the include below
    path("api/v1/", include("gongkai.api.urls")),
    path("", include("gongkai.feeds.urls")),
]

urlpatterns += i18n_patterns(
    # The portal's pages first: they are the busiest, and Django tries the patterns in order. None of its
    # paths (the home page, preferences/, wzdt/, lxwm/, xxgk/…) is a prefix of another app's.
    path("", include("gongkai.portal.urls")),
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
    path("dy/", include("gongkai.subscriptions.urls")),
    path("xmt/", include("gongkai.newmedia.urls")),
    path("staff/newmedia/", include("gongkai.newmedia.urls_staff")),
    path("staff/policies/", include("gongkai.policies.urls_staff")),
    path("qyzc/", include("gongkai.policies.urls")),
    path("staff/participation/", include("gongkai.participation.urls_staff")),
    path("gzcy/", include("gongkai.participation.urls")),
    path("staff/mailbox/", include("gongkai.mailbox.urls_staff")),
    path("hdjl/", include("gongkai.mailbox.urls_public")),
    path("staff/interviews/", include("gongkai.interviews.urls_staff")),
    path("staff/surveys/", include("gongkai.surveys.urls_staff")),
    path("staff/proposals/", include("gongkai.proposals.urls_staff")),
    path("staff/ratings/", include("gongkai.ratings.urls_staff")),
    path("zxft/", include("gongkai.interviews.urls")),
    path("zjdc/", include("gongkai.surveys.urls")),
    path("jyta/", include("gongkai.proposals.urls")),
    path("hcp/", include("gongkai.ratings.urls")),
    path("staff/standards/", include("gongkai.standards.urls_staff")),
    path("bzml/", include("gongkai.standards.urls")),
    path("staff/topics/", include("gongkai.topics.urls_staff")),
    path("zt/", include("gongkai.topics.urls")),
    path("staff/lists/", include("gongkai.lists.urls_staff")),
    path("qd/", include("gongkai.lists.urls")),
    path("staff/", include("gongkai.workbench.urls")),
    path("search/", include("gongkai.search.urls")),
    path("kfjk/", include("gongkai.api.urls_guide")),  # 开放数据接口: the API's documentation page
    prefix_default_language=False,
)
