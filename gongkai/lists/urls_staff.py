"""Staff URLs, mounted at /staff/lists/. Object kwargs: list_id, version_id, row_id, type_id."""

from django.urls import path

from gongkai.lists import views_staff

app_name = "lists_staff"

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("new/", views_staff.list_create, name="create"),
    path("types/<int:type_id>/template/", views_staff.type_template, name="template"),
    path("<int:list_id>/", views_staff.list_detail, name="list"),
    path("<int:list_id>/edit/", views_staff.list_edit, name="list_edit"),
    path("<int:list_id>/versions/new/", views_staff.version_create, name="version_create"),
    path("versions/<int:version_id>/", views_staff.version_detail, name="version"),
    path("versions/<int:version_id>/edit/", views_staff.version_edit, name="version_edit"),
    path("versions/<int:version_id>/import/", views_staff.version_import, name="version_import"),
    path("versions/<int:version_id>/export/", views_staff.version_export, name="version_export"),
    path("versions/<int:version_id>/submit/", views_staff.version_submit, name="version_submit"),
    path("versions/<int:version_id>/review/", views_staff.version_review, name="version_review"),
    path("versions/<int:version_id>/delete/", views_staff.version_delete, name="version_delete"),
    path("versions/<int:version_id>/rows/new/", views_staff.row_add, name="row_add"),
    path("rows/<int:row_id>/edit/", views_staff.row_edit, name="row_edit"),
    path("rows/<int:row_id>/delete/", views_staff.row_delete, name="row_delete"),
]
