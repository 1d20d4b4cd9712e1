"""Staff URLs of 公众参与, mounted at /staff/participation/."""

from django.urls import path

from gongkai.participation import views_staff as v
from gongkai.participation import views_staff_more as m

app_name = "participation_staff"

urlpatterns = [
    path("", v.index, name="index"),
    path("consultations/new/", v.consultation_create, name="consultation_create"),
    path("consultations/<int:consultation_id>/", v.consultation_detail, name="consultation"),
    path("consultations/<int:consultation_id>/edit/", v.consultation_edit, name="consultation_edit"),
    path("consultations/<int:consultation_id>/publish/", v.consultation_publish, name="consultation_publish"),
    path("consultations/<int:consultation_id>/extend/", v.consultation_extend, name="consultation_extend"),
    path("consultations/<int:consultation_id>/link/", v.consultation_link, name="consultation_link"),
    path("consultations/<int:consultation_id>/comments/new/", v.comment_add, name="comment_add"),
    path("consultations/<int:consultation_id>/invitations/new/", v.invitation_add, name="invitation_add"),
    path("consultations/<int:consultation_id>/outcome/", v.outcome, name="outcome"),
    path("comments/<int:opinion_id>/moderate/", v.comment_moderate, name="comment_moderate"),
    path("comments/<int:opinion_id>/classify/", v.comment_classify, name="comment_classify"),
    path("invitations/<int:invitation_id>/reply/", v.invitation_reply, name="invitation_reply"),
    path("catalogs/new/", m.catalog_create, name="catalog_create"),
    path("catalogs/<int:decision_catalog_id>/", m.catalog_detail, name="catalog"),
    path("catalogs/<int:decision_catalog_id>/standard/", m.catalog_standard, name="catalog_standard"),
    path("catalogs/<int:decision_catalog_id>/publish/", m.catalog_publish, name="catalog_publish"),
    path("catalogs/<int:decision_catalog_id>/entries/new/", m.entry_add, name="entry_add"),
    path("catalogs/<int:decision_catalog_id>/import/", m.catalog_import, name="catalog_import"),
    path("catalogs/<int:decision_catalog_id>/export.xlsx", m.catalog_export, name="catalog_export"),
    path("entries/<int:decision_entry_id>/", m.entry_edit, name="entry"),
    path("entries/<int:decision_entry_id>/updates/", m.entry_update, name="entry_update"),
    path("entries/<int:decision_entry_id>/evaluation/", m.entry_evaluate, name="entry_evaluate"),
    path("entries/<int:decision_entry_id>/link/", m.entry_link, name="entry_link"),
    path("meetings/<int:meeting_id>/attendees/", m.attendee_add, name="attendee_add"),
]
# Events (开放日、问政) are "activities" in staff URLs: `event_id` is the audit log's kwarg there.
for _kind, _plural in (("hearing", "hearings"), ("activity", "activities"), ("meeting", "meetings")):
    urlpatterns += [
        path(f"{_plural}/new/", m.creator(_kind), name=f"{_kind}_create"),
        path(f"{_plural}/<int:{_kind}_id>/", m.detail(_kind), name=_kind),
        path(f"{_plural}/<int:{_kind}_id>/edit/", m.editor(_kind), name=f"{_kind}_edit"),
        path(f"{_plural}/<int:{_kind}_id>/publish/", m.publisher(_kind), name=f"{_kind}_publish"),
    ]
    if _kind != "meeting":
        urlpatterns.append(path(f"{_plural}/<int:{_kind}_id>/record/", m.recorder(_kind), name=f"{_kind}_record"))
