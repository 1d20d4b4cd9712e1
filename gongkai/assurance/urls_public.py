from django.urls import path

from gongkai.assurance.views import public

app_name = "assurance_public"

urlpatterns = [
    path("", public.negative_list, name="negative_list"),
]
