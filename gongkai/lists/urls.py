"""Public URLs, mounted at /qd/ (清单)."""

from django.urls import path

from gongkai.lists import views_public

app_name = "lists"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("<int:list_id>/", views_public.detail, name="detail"),
    path("<int:list_id>/v/<int:version_id>/", views_public.detail, name="version"),
    path("<int:list_id>/v/<int:version_id>/download.<str:fmt>", views_public.download, name="download"),
]
