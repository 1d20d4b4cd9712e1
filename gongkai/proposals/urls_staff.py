"""Staff URLs, mounted at /staff/proposals/. Object kwargs: proposal_id, summary_id."""

from django.urls import path

from gongkai.proposals import views_staff

app_name = "proposals_staff"

urlpatterns = [
    path("", views_staff.proposal_list, name="list"),
    path("new/", views_staff.proposal_create, name="create"),
    path("import/", views_staff.proposal_import, name="import"),
    path("<int:proposal_id>/", views_staff.proposal_detail, name="detail"),
    path("<int:proposal_id>/edit/", views_staff.proposal_edit, name="edit"),
    path("<int:proposal_id>/reply/", views_staff.proposal_reply, name="reply"),
    path("<int:proposal_id>/publish/", views_staff.proposal_publish, name="publish"),
    path("<int:proposal_id>/withhold/", views_staff.proposal_withhold, name="withhold"),
    path("summaries/", views_staff.summary_list, name="summaries"),
    path("summaries/generate/", views_staff.summary_generate, name="summary_generate"),
    path("summaries/<int:summary_id>/", views_staff.summary_detail, name="summary"),
    path("summaries/<int:summary_id>/publish/", views_staff.summary_publish, name="summary_publish"),
]
