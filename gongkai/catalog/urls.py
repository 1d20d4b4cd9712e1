from django.urls import path

from gongkai.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:org_id>/add/", views.add, name="add"),
    path("<int:node_id>/edit/", views.edit, name="edit"),
    path("<int:node_id>/delete/", views.delete, name="delete"),
]
