"""Staff URLs of 留言办理, mounted at /staff/mailbox/."""

from django.urls import path

from gongkai.mailbox import views_staff as views

app_name = "mailbox_staff"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("register/", views.register, name="register"),
    path("faq/", views.faq_list, name="faq_list"),
    path("faq/new/", views.faq_edit, name="faq_new"),
    path("faq/<int:faq_id>/", views.faq_edit, name="faq_edit"),
    path("settings/", views.settings_view, name="settings"),
    path("<int:message_id>/", views.message_detail, name="detail"),
    path("<int:message_id>/files/<int:file_id>/", views.attachment, name="attachment"),
    path("<int:message_id>/<str:action>/", views.message_action, name="action"),
]
