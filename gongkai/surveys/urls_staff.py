"""Staff URLs, mounted at /staff/surveys/. Object kwargs: survey_id, survey_question_id."""

from django.urls import path

from gongkai.surveys import views_staff

app_name = "surveys_staff"

urlpatterns = [
    path("", views_staff.survey_list, name="list"),
    path("new/", views_staff.survey_create, name="create"),
    path("<int:survey_id>/", views_staff.survey_detail, name="detail"),
    path("<int:survey_id>/edit/", views_staff.survey_edit, name="edit"),
    path("<int:survey_id>/questions/add/", views_staff.question_add, name="question_add"),
    path("<int:survey_id>/questions/<int:survey_question_id>/remove/", views_staff.question_remove,
         name="question_remove"),
    path("<int:survey_id>/publish/", views_staff.survey_publish, name="publish"),
]
