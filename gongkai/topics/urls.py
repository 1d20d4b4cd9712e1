from django.urls import path

from gongkai.topics import views

app_name = "topics"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("<slug:slug>/", views.public_topic, name="topic"),
    path("<slug:slug>/banner/", views.banner, name="banner"),
    path("<slug:slug>/<int:column_id>/", views.public_column, name="column"),
]
