"""Public URLs, mounted at /zfgb/."""

from django.urls import path

from gongkai.gazette import views

app_name = "gazette"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:year>/", views.archive, name="year"),
    path("issue/<int:issue_id>/", views.issue_detail, name="issue"),
    path("issue/<int:issue_id>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("article/<int:entry_id>/", views.article, name="article"),
    path("article/<int:entry_id>/download/", views.article_download, name="article_download"),
]
