from django.urls import path

from gongkai.requests.views import public

app_name = "requests_public"

urlpatterns = [
    path("", public.index, name="index"),
    path("apply/", public.apply, name="apply"),
    path("apply/done/", public.done, name="done"),
    path("lookup/", public.lookup, name="lookup"),
    path("case/", public.case, name="case"),
    path("case/leave/", public.leave, name="leave"),
    path("case/documents/<int:letter_id>.pdf", public.document_pdf, name="document_pdf"),
    path("case/documents/<int:letter_id>.docx", public.document_docx, name="document_docx"),
    path("case/disclosed/<int:document_id>/", public.disclosed, name="disclosed"),
]
