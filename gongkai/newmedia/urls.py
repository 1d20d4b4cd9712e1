from django.urls import path

from gongkai.newmedia import views

app_name = "newmedia"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("qr/<int:account_id>/", views.qr_image, name="qr"),
]
