from django.urls import path

from gongkai.standards import views

app_name = "standards_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.catalog_import, name="import"),
    path("export.xlsx", views.catalog_export, name="export"),
    path("coverage/", views.coverage, name="coverage"),
    path("domains/<int:domain_id>/", views.domain_detail, name="domain"),
    path("units/<int:org_id>/", views.unit_detail, name="unit"),
    path("units/<int:org_id>/export.xlsx", views.unit_export, name="unit_export"),
    path("assignments/<int:assignment_id>/matters/new/", views.matter_add, name="matter_add"),
    path("assignments/<int:assignment_id>/delete/", views.assignment_delete, name="assignment_delete"),
    path("matters/<int:unit_matter_id>/not-applicable/", views.matter_not_applicable, name="not_applicable"),
    path("matters/<int:unit_matter_id>/applicable/", views.matter_applicable, name="applicable"),
]
