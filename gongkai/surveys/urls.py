"""Public URLs, mounted at /zjdc/ (征集调查)."""

from django.urls import path

from gongkai.surveys import views
from gongkai.surveys.feeds import SurveysFeed

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", SurveysFeed(), name="feed"),
    path("<int:survey_id>/", views.detail, name="detail"),
    path("<int:survey_id>/results/", views.results, name="results"),
]
