from django.urls import path

from gongkai.workplan import views_staff as views
from gongkai.workplan import views_staff_deadlines as deadlines
from gongkai.workplan import views_staff_reports as reports
from gongkai.workplan import views_staff_tasks as tasks

app_name = "workplan_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/import/", views.plan_import, name="plan_import"),
    path("<int:plan_id>/export.xlsx", views.plan_export, name="plan_export"),
    path("<int:plan_id>/deadlines/", deadlines.plan_deadlines, name="deadlines"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task"),
    path("tasks/<int:task_id>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/report/", tasks.task_report, name="task_report"),
    path("tasks/<int:task_id>/deadlines/", deadlines.deadline_add, name="deadline_add"),
    path("deadlines/<int:deadline_id>/edit/", deadlines.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:deadline_id>/confirm/", deadlines.deadline_confirm, name="deadline_confirm"),
    path("deadlines/<int:deadline_id>/delete/", deadlines.deadline_delete, name="deadline_delete"),
    path("reports/<int:report_id>/", reports.report_detail, name="report"),
    path("evidence/<int:evidence_id>/", reports.evidence_download, name="evidence"),
]
