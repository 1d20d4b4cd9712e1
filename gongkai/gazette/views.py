"""Public 政府公报 pages (/zfgb/): the archive by year, each issue with its contents, each article as HTML
(copyable text) and as a DOCX download, and the whole issue as PDF."""

import io

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.core.i18n import in_document_language
from gongkai.core.sanitize import docx_property, scrollable_tables, xml_text
from gongkai.gazette import services
from gongkai.gazette.models import GazetteEntry, GazetteIssue

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
@require_safe
def archive(request, year: int | None = None):
    years = services.years()
    if year is None and years:
        year = years[0][0]
    issues = (GazetteIssue.objects.published().filter(year=year).select_related("organization")
              .order_by("number", "organization__name")) if year else []
    if year is not None and years and not issues:
        raise Http404
    # More than one unit has published: each issue says whose it is.
    several = GazetteIssue.objects.published().values("organization_id").distinct().count() > 1
    return render(request, "gazette/archive.html", {"years": years, "year": year, "issues": issues,
                                                    "show_organization": several})


def _published_issue(issue_id: int) -> GazetteIssue:
    return get_object_or_404(GazetteIssue.objects.published().select_related("organization"), pk=issue_id)


@require_safe
def issue_detail(request, issue_id: int):
    issue = _published_issue(issue_id)
    entries = list(issue.entries.filter(withdrawn_at__isnull=True).select_related("item"))
    return render(request, "gazette/issue.html", {"issue": issue, "entries": entries})


@require_safe
def issue_pdf(request, issue_id: int):
    issue = _published_issue(issue_id)
    try:
        handle = issue.pdf.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=issue.download_name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def _published_entry(entry_id: int) -> GazetteEntry:
    return get_object_or_404(
        GazetteEntry.objects.public().select_related("issue", "item"),
        pk=entry_id)


def validity_notice(entry) -> dict | None:
    """The linked item's 有效性 when it is not simply 有效 (the same mark as the portal lists and the
    规范性文件库 page), with the register's date and page when it is a 规范性文件: ended or amended, or published
    and not yet in force (`notice`: the library page's sentence, `status.not_yet_notice`); None otherwise."""
    from gongkai.publishing.choices import Validity, validity_mark
    from gongkai.regulations.models import NormativeDocument

    item = entry.item
    if item is None or not item.validity:
        return None
    mark = validity_mark(item.validity)
    document = NormativeDocument.objects.public().filter(item=item).first()
    status = document.status if document is not None else None
    if status is not None and status.not_yet:
        return {"mark": str(status.label), "notice": status.notice, "in_force": False, "since": None,
                "document_id": document.pk}
    if not mark:
        return None
    return {"mark": mark, "notice": "", "in_force": item.validity == Validity.AMENDED,
            "since": document.validity_since if document else None, "document_id": document.pk if document else None}


@require_safe
def article(request, entry_id: int):
    entry = _published_entry(entry_id)
    text = services.article_text_html(entry)
    return render(request, "gazette/article.html", {
        "entry": entry, "issue": entry.issue, "body": mark_safe(scrollable_tables(text)) if text is not None else None,
        "validity": validity_notice(entry) if text is not None else None,
    })


@in_document_language
@require_safe
def article_download(request, entry_id: int):
    entry = _published_entry(entry_id)
    text = services.article_text_html(entry)
    if text is None:
        raise Http404
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from gongkai.regulations.compilation import html_blocks

    title = xml_text(entry.title)
    doc = Document()
    doc.core_properties.title = docx_property(title)  # a title may be longer than a property holds
    doc.add_heading(title, level=1)
    if entry.doc_number:
        doc.add_paragraph(xml_text(entry.doc_number)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    validity = validity_notice(entry)
    if validity:
        notice = _("【%(mark)s】") % {"mark": validity["mark"]}
        if validity["notice"]:  # published, not yet in force: the date it takes effect
            notice += validity["notice"]
        else:
            if validity["since"]:
                notice += _("本文件%(mark)s（%(date)s）。") % {"mark": validity["mark"],
                                                          "date": validity["since"].isoformat()}
            notice += (_("以下为公报刊登时的文本，现行文本请查阅规范性文件库。") if validity["in_force"]
                       else _("本文件已不再有效，以下内容仅供查阅。"))
        doc.add_paragraph().add_run(notice).bold = True
    for kind, content in html_blocks(text):
        if kind == "table":
            table = doc.add_table(rows=len(content), cols=max(len(r) for r in content))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = xml_text(cell)
        elif kind == "h":
            doc.add_heading(xml_text(content), level=2)
        else:
            doc.add_paragraph(xml_text(content))
    doc.add_paragraph(_("来源：政府公报%(issue)s") % {"issue": entry.issue})
    out = io.BytesIO()
    doc.save(out)
    response = HttpResponse(out.getvalue(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{title[:80]}.docx")
    response["X-Content-Type-Options"] = "nosniff"
    return response
