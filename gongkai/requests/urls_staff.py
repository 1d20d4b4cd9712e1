from django.urls import path

from gongkai.requests.views import staff_actions as actions
from gongkai.requests.views import staff_admin as admin
from gongkai.requests.views import staff_cases as cases
from gongkai.requests.views import staff_seal

app_name = "requests"

ACTIONS = [
    "confirm", "transfer", "assign", "assist", "start", "correction", "correction_received", "consult",
    "letter_received", "opinion", "fee", "fee_received", "payment", "extend", "void", "abandon", "draft", "review",
    "deliver", "archive", "remedy", "proactive", "deliberate", "deliberation_opinion", "deliberation_close",
    "assistance_answer", "volume_ask", "volume_decide", "withdraw", "delay_reply", "disclose", "undisclose",
]

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("due/", cases.due, name="due"),
    path("new/", cases.register, name="register"),
    path("filings/", admin.filings, name="filings"),
    path("filings/<int:case_id>/receive/", admin.filing_receive, name="filing_receive"),
    path("ledger/", admin.ledger, name="ledger"),
    path("ledger/export/", admin.ledger_export, name="ledger_export"),
    path("ledger/import/", admin.ledger_import, name="ledger_import"),
    path("templates/", admin.templates, name="templates"),
    path("templates/edit/", admin.template_edit, name="template_edit"),
    path("templates/seal/", staff_seal.seal, name="seal"),
    path("reminders/", admin.reminders, name="reminders"),
    path("<int:case_id>/", cases.detail, name="detail"),
    path("<int:case_id>/documents/<int:letter_id>.pdf", cases.document_pdf, name="document_pdf"),
    path("<int:case_id>/documents/<int:letter_id>.docx", cases.document_docx, name="document_docx"),
    path("<int:case_id>/filing.pdf", cases.filing_bundle, name="filing_bundle"),
    path("<int:case_id>/file/", actions.file_case, name="file"),
    *[path(f"<int:case_id>/{name.replace('_', '-')}/", getattr(actions, name), name=name) for name in ACTIONS],
]
