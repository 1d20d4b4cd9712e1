from django.urls import path

from gongkai.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    # The workbench menu's 「本单位信息」: the same page (unit staff are sent on to their own unit).
    path("", views.organization_list, name="index"),
    path("<int:org_id>/", views.organization_detail, name="detail"),
    path("<int:org_id>/edit/", views.organization_edit, name="edit"),
]
