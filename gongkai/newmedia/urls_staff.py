from django.urls import path

from gongkai.newmedia import views

app_name = "newmedia_staff"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("new/", views.account_edit, name="create"),
    path("<int:account_id>/", views.account_edit, name="edit"),
    path("push/<int:item_id>/", views.push, name="push"),
]
