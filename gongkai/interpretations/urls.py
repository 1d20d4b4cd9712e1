"""Public URLs, mounted at /zcjd/."""

from django.urls import path

from gongkai.interpretations import views

app_name = "interpretations"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:interpretation_id>/", views.public_detail, name="detail"),
]
