from django.urls import path

from gongkai.standards import views

app_name = "standards"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:org_id>/", views.public_unit, name="unit"),
]
