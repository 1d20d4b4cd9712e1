"""/staff/audit/: the audit log browser (URL names keep the `audit:` namespace)."""

from django.urls import path

from gongkai.workbench import audit_log as views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:event_id>/", views.event_detail, name="detail"),
]
