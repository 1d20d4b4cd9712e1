from django.urls import path

from gongkai.inspection import views

app_name = "inspection"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("run/", views.run_now, name="run"),
    path("rules/", views.rules, name="rules"),
    path("units/<int:org_id>/", views.unit_dashboard, name="unit"),
    path("findings/<int:finding_id>/", views.finding_detail, name="finding"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:notice_id>/", views.notice_detail, name="notice"),
    path("notices/<int:notice_id>/publish/", views.notice_publish, name="notice_publish"),
    path("notices/<int:notice_id>/docx/", views.notice_docx, name="notice_docx"),
    path("notices/<int:notice_id>/pdf/", views.notice_pdf, name="notice_pdf"),
]
