"""Staff URLs, mounted at /staff/interviews/. Object kwargs: interview_id, guest_id, interview_question_id,
turn_id."""

from django.urls import path

from gongkai.interviews import views_staff

app_name = "interviews_staff"

urlpatterns = [
    path("", views_staff.interview_list, name="list"),
    path("new/", views_staff.interview_create, name="create"),
    path("<int:interview_id>/", views_staff.interview_detail, name="detail"),
    path("<int:interview_id>/edit/", views_staff.interview_edit, name="edit"),
    path("<int:interview_id>/guests/add/", views_staff.guest_add, name="guest_add"),
    path("<int:interview_id>/guests/<int:guest_id>/remove/", views_staff.guest_remove, name="guest_remove"),
    path("<int:interview_id>/publish/", views_staff.interview_publish, name="publish"),
    path("<int:interview_id>/finish/", views_staff.interview_finish, name="finish"),
    path("<int:interview_id>/questions/<int:interview_question_id>/moderate/", views_staff.question_moderate,
         name="moderate"),
    path("<int:interview_id>/turns/add/", views_staff.turn_add, name="turn_add"),
    path("<int:interview_id>/turns/<int:turn_id>/remove/", views_staff.turn_remove, name="turn_remove"),
]
