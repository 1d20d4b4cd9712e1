"""Public URLs, mounted at /ndbg/ (年度报告): published reports only."""

from django.urls import path

from gongkai.reports import views_public

app_name = "reports"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("<int:org_id>/<int:year>/", views_public.report, name="report"),
    path("<int:org_id>/<int:year>/report.docx", views_public.download_docx, name="docx"),
    path("<int:org_id>/<int:year>/report.pdf", views_public.download_pdf, name="pdf"),
    path("<int:org_id>/<int:year>/report.json", views_public.download_json, name="json"),
]
