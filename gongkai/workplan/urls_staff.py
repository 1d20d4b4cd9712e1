from django.urls import path

from gongkai.workplan import views_staff as views

app_name = "workplan_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/import/", views.plan_import, name="plan_import"),
    path("<int:plan_id>/export.xlsx", views.plan_export, name="plan_export"),
    path("<int:plan_id>/deadlines/", views.plan_deadlines, name="deadlines"),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
    path("tasks/<int:task_id>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/report/", views.task_report, name="task_report"),
    path("tasks/<int:task_id>/deadlines/", views.deadline_add, name="deadline_add"),
    path("deadlines/<int:deadline_id>/edit/", views.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:deadline_id>/confirm/", views.deadline_confirm, name="deadline_confirm"),
    path("deadlines/<int:deadline_id>/delete/", views.deadline_delete, name="deadline_delete"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
