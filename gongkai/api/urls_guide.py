"""The open API's documentation page, in the site's languages (mounted in i18n_patterns at /kfjk/)."""

from django.urls import path

from gongkai.api.guide import api_guide

app_name = "api_guide"

urlpatterns = [
    path("", api_guide, name="index"),
]
