from django.urls import path

from gongkai.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.index, name="index"),
    path("sent/", views.sent, name="sent"),
    path("manage/", views.manage_link, name="manage_link"),
    path("qr/<str:token>/", views.confirm, name="confirm"),
    path("td/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("gl/<str:token>/", views.manage, name="manage"),
    path("<slug:kind>/", views.subscribe, name="subscribe"),
]
