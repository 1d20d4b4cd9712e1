"""Permission-matrix registration: a unit's draft gazette issue with one entry, and its rows."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.gazette import services
from gongkai.gazette.models import GazetteEntry, GazetteIssue

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fillers(unit) -> dict:
    issue = services.create_issue(unit.editor, unit.org, {"year": 2020, "number": 1, "total_number": 100,
                                                          "published_on": "2020-01-15"}, SimpleUploadedFile("1.pdf", PDF))
    entry = services.add_entry(unit.editor, issue, {"title": f"{unit.org.name}公报文章", "body": "<p>正文</p>"})
    return {"issue_id": [issue.pk], "entry_id": [entry.pk]}


def snapshot(unit) -> dict:
    issues = GazetteIssue.objects.filter(organization=unit.org)
    return {"issues": list(issues.order_by("pk").values()),
            "entries": list(GazetteEntry.objects.filter(issue__in=issues).order_by("pk").values())}
