"""Staff URLs, mounted at /staff/interpretations/. Object kwarg: interpretation_id."""

from django.urls import path

from gongkai.interpretations import views

app_name = "interpretations_staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_create, name="create"),
    path("findings/", views.staff_findings, name="findings"),
    path("<int:interpretation_id>/edit/", views.staff_edit, name="edit"),
]
