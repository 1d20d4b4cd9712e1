"""Public URLs, mounted at /qyzc/ (企业政策)."""

from django.urls import path

from gongkai.policies import views_public as views

app_name = "policies"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("feed.rss", views.PolicyFeed(), name="feed"),
    path("<int:policy_id>/", views.detail, name="detail"),
    path("<int:policy_id>/mingbaizhi.pdf", views.flyer, name="flyer"),
    path("tuisong/<int:digest_id>/", views.digest_page, name="digest"),
    path("tuisong/<int:digest_id>/digest.pdf", views.digest_pdf, name="digest_pdf"),
]
