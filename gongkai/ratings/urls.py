"""Public URLs, mounted at /hcp/ (好差评)."""

from django.urls import path

from gongkai.ratings import views

app_name = "ratings"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/<int:month>/", views.index, name="month"),
]
