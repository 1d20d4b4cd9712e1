"""Public URLs, mounted at /jyta/ (建议提案)."""

from django.urls import path

from gongkai.proposals import views
from gongkai.proposals.feeds import RepliesFeed

app_name = "proposals"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", RepliesFeed(), name="feed"),
    path("<int:year>/", views.index, name="year"),
    path("<int:year>/zongti/", views.summary, name="county_summary"),
    path("<int:year>/zongti/<int:org_id>/", views.summary, name="summary"),
    path("fw/<int:proposal_id>/", views.reply, name="reply"),
]
