from django.urls import path

from gongkai.assurance.views import assessment, common, lists, selfcheck, training

app_name = "assurance"

urlpatterns = [
    path("", common.index, name="index"),
    path("checklist/", selfcheck.checklist, name="checklist"),
    path("checklist/<int:checklist_item_id>/", selfcheck.checklist_edit, name="checklist_edit"),
    path("campaigns/", selfcheck.campaigns, name="campaigns"),
    path("campaigns/new/", selfcheck.campaign_create, name="campaign_create"),
    path("campaigns/<int:selfcheck_id>/", selfcheck.campaign_detail, name="campaign"),
    path("campaigns/<int:selfcheck_id>/edit/", selfcheck.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:selfcheck_id>/open/", selfcheck.campaign_open, name="campaign_open"),
    path("campaigns/<int:selfcheck_id>/close/", selfcheck.campaign_close, name="campaign_close"),
    path("campaigns/<int:selfcheck_id>/summary.docx", selfcheck.campaign_export, name="campaign_export"),
    path("responses/<int:sheet_id>/", selfcheck.response_detail, name="response"),
    path("responses/<int:sheet_id>/review/", selfcheck.response_review, name="response_review"),
    path("assessments/", assessment.assessments, name="assessments"),
    path("assessments/<int:assessment_id>/", assessment.assessment_detail, name="assessment"),
    path("assessments/<int:assessment_id>/manual/", assessment.manual_add, name="manual_add"),
    path("assessments/<int:assessment_id>/publish/", assessment.assessment_publish, name="assessment_publish"),
    path("assessments/<int:assessment_id>/export.xlsx", assessment.assessment_export, name="assessment_export"),
    path("assessments/<int:assessment_id>/units/<int:org_id>/", assessment.unit_sheet, name="unit_sheet"),
    path("manual/<int:manual_item_id>/remove/", assessment.manual_remove, name="manual_remove"),
    path("training/", training.sessions, name="sessions"),
    path("training/new/", training.session_create, name="session_create"),
    path("training/<int:training_id>/", training.session_detail, name="session"),
    path("training/<int:training_id>/edit/", training.session_edit, name="session_edit"),
    path("training/<int:training_id>/attendance/", training.attendance_add, name="attendance_add"),
    path("training/<int:training_id>/materials/", training.material_add, name="material_add"),
    path("attendance/<int:training_attendance_id>/remove/", training.attendance_remove, name="attendance_remove"),
    path("materials/<int:training_material_id>/", training.material_download, name="material"),
    path("materials/<int:training_material_id>/remove/", training.material_remove, name="material_remove"),
    path("negative/", lists.negative_list, name="negative"),
    path("negative/<int:negative_id>/", lists.negative_edit, name="negative_edit"),
    path("errors/", lists.terms, name="terms"),
    path("errors/<int:error_term_id>/", lists.term_edit, name="term_edit"),
    path("leaders/", lists.leaders, name="leaders"),
    path("leaders/<int:leader_id>/", lists.leader_edit, name="leader_edit"),
    path("checker/", lists.try_checker, name="checker"),
]
