"""Staff URLs of the web batch import, mounted at /staff/import/."""

from django.urls import path

from gongkai.interchange import views

app_name = "interchange"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.xlsx", views.template, name="template"),
    path("preview/", views.preview, name="preview"),
]
