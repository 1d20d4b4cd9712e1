"""Staff URLs, mounted at /staff/regulations/. Object kwargs: document_id, campaign_id, item_id."""

from django.urls import path

from gongkai.regulations import views_campaigns, views_staff

app_name = "regulations_staff"

urlpatterns = [
    path("", views_staff.document_list, name="list"),
    path("new/", views_staff.document_create, name="create"),
    path("register/<int:item_id>/", views_staff.register_item, name="register"),
    path("compile/", views_staff.compile_documents, name="compile"),
    path("<int:document_id>/", views_staff.document_detail, name="detail"),
    path("<int:document_id>/edit/", views_staff.document_edit, name="edit"),
    path("<int:document_id>/filing/", views_staff.document_filing, name="filing"),
    path("<int:document_id>/relate/", views_staff.document_relate, name="relate"),
    path("<int:document_id>/renew/", views_staff.document_renew, name="renew"),
    path("campaigns/", views_campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", views_campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:campaign_id>/", views_campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:campaign_id>/decide/", views_campaigns.campaign_decide, name="campaign_decide"),
    path("campaigns/<int:campaign_id>/close/", views_campaigns.campaign_close, name="campaign_close"),
    path("campaigns/<int:campaign_id>/remove/", views_campaigns.campaign_remove, name="campaign_remove"),
]
