"""Staff URLs, mounted at /staff/reports/. Object kwarg: annual_report_id."""

from django.urls import path

from gongkai.reports import views_staff

app_name = "reports_staff"

urlpatterns = [
    path("", views_staff.report_list, name="list"),
    path("new/", views_staff.report_create, name="create"),
    path("deadlines/", views_staff.deadlines, name="deadlines"),
    path("<int:annual_report_id>/", views_staff.report_detail, name="detail"),
    path("<int:annual_report_id>/figures/", views_staff.edit_figures, name="figures"),
    path("<int:annual_report_id>/chapters/", views_staff.edit_chapters, name="chapters"),
    path("<int:annual_report_id>/regenerate/", views_staff.regenerate, name="regenerate"),
    path("<int:annual_report_id>/submit/", views_staff.submit, name="submit"),
    path("<int:annual_report_id>/return/", views_staff.return_report, name="return"),
    path("<int:annual_report_id>/publish/", views_staff.publish, name="publish"),
    path("<int:annual_report_id>/reopen/", views_staff.reopen, name="reopen"),
    path("<int:annual_report_id>/draft.docx", views_staff.draft_docx, name="draft_docx"),
    path("<int:annual_report_id>/draft.pdf", views_staff.draft_pdf, name="draft_pdf"),
    path("<int:annual_report_id>/draft.json", views_staff.draft_json, name="draft_json"),
]
