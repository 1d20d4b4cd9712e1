"""Staff URLs of search, mounted at /staff/search/."""

from django.urls import path

from gongkai.search import views_staff

app_name = "search_staff"

urlpatterns = [
    path("synonyms/", views_staff.synonyms, name="synonyms"),
    path("synonyms/<int:group_id>/", views_staff.synonyms, name="synonym_edit"),
    path("synonyms/<int:group_id>/delete/", views_staff.synonym_delete, name="synonym_delete"),
]
