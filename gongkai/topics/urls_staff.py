from django.urls import path

from gongkai.topics import views

app_name = "topics_staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.topic_create, name="topic_create"),
    path("arena/", views.arena, name="arena"),
    path("<int:topic_id>/", views.topic_detail, name="topic"),
    path("<int:topic_id>/edit/", views.topic_edit, name="topic_edit"),
    path("<int:topic_id>/columns/", views.column_add, name="column_add"),
    path("<int:topic_id>/banner/", views.banner_upload, name="banner"),
    path("<int:topic_id>/notices/<int:notice_id>/publish/", views.notice_publish, name="notice_publish"),
    path("columns/<int:column_id>/submit/", views.column_submit, name="submit"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission"),
]
