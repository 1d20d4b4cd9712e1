"""Public URLs, mounted at /zxft/ (在线访谈)."""

from django.urls import path

from gongkai.interviews import views
from gongkai.interviews.feeds import InterviewsFeed

app_name = "interviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", InterviewsFeed(), name="feed"),
    path("<int:interview_id>/", views.detail, name="detail"),
    path("<int:interview_id>/ask/", views.ask, name="ask"),
]
