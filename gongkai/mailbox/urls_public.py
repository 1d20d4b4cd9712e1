"""Public URLs of 政民互动, mounted at /hdjl/."""

from django.urls import path

from gongkai.mailbox import feeds
from gongkai.mailbox import views_public as views

app_name = "mailbox"

urlpatterns = [
    path("", views.column, name="column"),
    path("xx/", views.index, name="index"),
    path("xx/write/", views.write, name="write"),
    path("xx/suggest/", views.suggest, name="suggest"),
    path("xx/done/", views.done, name="done"),
    path("xx/lookup/", views.lookup, name="lookup"),
    path("xx/mine/", views.mine, name="mine"),
    path("xx/mine/rate/", views.rate, name="rate"),
    path("xx/mine/leave/", views.leave, name="leave"),
    path("xx/answers/", views.published_list, name="list"),
    path("xx/answers/<int:message_id>/", views.detail, name="detail"),
    path("xx/answers/feed.rss", feeds.AnswersFeed(), name="feed"),
    path("xx/stats/", views.stats, name="stats"),
    path("xx/faq/", views.faq, name="faq"),
]
