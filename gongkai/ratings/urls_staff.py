"""Staff URLs, mounted at /staff/ratings/ (a batch by its id: views_staff.batch_detail checks the unit scope)."""

from django.urls import path

from gongkai.ratings import views_staff

app_name = "ratings_staff"

urlpatterns = [
    path("", views_staff.batch_list, name="list"),
    path("import/", views_staff.batch_import, name="import"),
    path("<int:batch_id>/", views_staff.batch_detail, name="batch"),
]
