from django.urls import path

from gongkai.workplan import views_public

app_name = "workplan"

urlpatterns = [
    path("", views_public.plan_list, name="plans"),
    path("<int:plan_id>/", views_public.plan_board, name="board"),
    path("<int:plan_id>/units/<int:org_id>/", views_public.unit_board, name="unit"),
    path("evidence/<int:evidence_id>/", views_public.evidence_download, name="evidence"),
]
