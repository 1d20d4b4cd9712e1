"""Public URLs, mounted at /gfxwj/."""

from django.urls import path

from gongkai.regulations import views_public

app_name = "regulations"

urlpatterns = [
    path("", views_public.library, name="library"),
    path("<int:document_id>/", views_public.detail, name="detail"),
]
