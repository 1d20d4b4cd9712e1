"""Staff URLs, mounted at /staff/policies/. Object kwargs: item_id (publishing's), digest_id."""

from django.urls import path

from gongkai.policies import views_staff as views

app_name = "policies_staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("items/<int:item_id>/", views.edit, name="edit"),
    path("items/<int:item_id>/remove/", views.remove, name="remove"),
    path("pushes/", views.pushes, name="pushes"),
    path("pushes/board/", views.board, name="board"),
    path("pushes/<int:digest_id>/", views.digest_detail, name="digest"),
    path("pushes/<int:digest_id>/refresh/", views.digest_refresh, name="digest_refresh"),
    path("pushes/<int:digest_id>/send/", views.digest_send, name="digest_send"),
    path("pushes/<int:digest_id>/pdf/", views.digest_pdf, name="digest_pdf"),
]
