"""Staff URLs, mounted at /staff/gazette/. Object kwargs: issue_id, entry_id."""

from django.urls import path

from gongkai.gazette import views_staff

app_name = "gazette_staff"

urlpatterns = [
    path("", views_staff.issue_list, name="list"),
    path("new/", views_staff.issue_create, name="create"),
    path("import/", views_staff.issue_import, name="import"),
    path("<int:issue_id>/", views_staff.issue_detail, name="detail"),
    path("<int:issue_id>/entries/add/", views_staff.entry_add, name="entry_add"),
    path("<int:issue_id>/entries/<int:entry_id>/remove/", views_staff.entry_remove, name="entry_remove"),
    path("<int:issue_id>/entries/<int:entry_id>/withdraw/", views_staff.entry_withdraw, name="entry_withdraw"),
    path("<int:issue_id>/publish/", views_staff.issue_publish, name="publish"),
    path("<int:issue_id>/withdraw/", views_staff.issue_withdraw, name="withdraw"),
]
