"""Public URLs of the 「公众参与」 column, mounted at /gzcy/ (公众参与)."""

from django.urls import path

from gongkai.participation import feeds, views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("zqyj/<int:consultation_id>/", views.consultation, name="consultation"),
    path("jcml/", views.catalogs, name="catalogs"),
    path("jcml/<int:org_id>/<int:year>/", views.catalog, name="catalog"),
    path("tzh/<int:hearing_id>/", views.hearing, name="hearing"),
    path("hd/<int:event_id>/", views.event, name="event"),
    path("lx/", views.meetings, name="meetings"),
    path("gzcy.rss", feeds.ParticipationFeed(), name="feed"),
]
