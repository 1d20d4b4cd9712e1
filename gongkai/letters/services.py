"""文书 services: a unit's templates, 发文字号 allocation and issuing (render once, keep forever)."""

import dataclasses
import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.files import save_file
from gongkai.core.i18n import in_document_language
from gongkai.core.services import ActionRefused
from gongkai.letters import registry, seals
from gongkai.letters.models import DocNumberSequence, IssuedDocument, LetterTemplate
from gongkai.letters.render import Letter, Paragraph, Table, render_docx, render_pdf

MAX_PREFIX = 20


def default_prefix(organization, suffix: str) -> str:
    """A starting 代字 (the unit sets its own): two characters of its short name, 信 and the kind's suffix."""
    base = (organization.short_name or organization.name).removeprefix("县")[:2]
    return f"{base}信{suffix}"


def template_for(organization, key: str) -> LetterTemplate:
    """The unit's wording of `key`, or the built-in one (unsaved) when the unit has not edited it."""
    found = LetterTemplate.objects.filter(organization=organization, key=key).first()
    if found:
        return found
    spec = registry.get(key)
    return LetterTemplate(organization=organization, key=key, title=spec.title, body=spec.body,
                          doc_prefix=default_prefix(organization, spec.prefix_suffix))


def _check_template(spec, title: str, body: str, doc_prefix: str) -> None:
    if not title.strip():
        raise ActionRefused(_("请填写文书标题。"))
    if not body.strip():
        raise ActionRefused(_("请填写正文模板。"))
    unknown = registry.placeholders_in(body) - set(spec.placeholders) - {"表格"}
    if unknown:
        raise ActionRefused(_("正文模板中有无法识别的占位符：%(names)s。可用的占位符：%(allowed)s。") % {
            "names": "、".join(f"{{{n}}}" for n in sorted(unknown)),
            "allowed": "、".join(f"{{{n}}}" for n in spec.placeholders)})
    check_prefix(doc_prefix)


def check_prefix(doc_prefix: str) -> str:
    """A 发文字号代字 as typed, stripped, or ActionRefused: 1–20 characters without the brackets and 号 the
    number adds (「源政〔2026〕」 would give 源政〔2026〕〔2026〕1号), spaces or line breaks."""
    prefix = (doc_prefix or "").strip()
    if (not prefix or len(prefix) > MAX_PREFIX or any(ch in prefix for ch in "〔〕[]()（）号")
            or any(ch.isspace() or not ch.isprintable() for ch in prefix)):
        raise ActionRefused(_("发文字号代字须为1至20个字，不含括号、空格和“号”字，例如“源政信复”。"))
    return prefix


@transaction.atomic
def save_template(actor, organization, key: str, *, title: str, body: str, doc_prefix: str,
                  request=None) -> LetterTemplate:
    if not has_perm(actor, "letter.templates", organization.id):
        raise ActionRefused(_("只有本单位管理员可以修改文书模板。"))
    try:
        spec = registry.get(key)
    except KeyError as exc:
        raise ActionRefused(_("没有这种文书。")) from exc
    _check_template(spec, title, body, doc_prefix)
    template = template_for(organization, key)
    before = {"title": template.title, "body": template.body, "doc_prefix": template.doc_prefix}
    template.title, template.body, template.doc_prefix = title.strip(), body.strip(), doc_prefix.strip()
    template.updated_by = actor
    template.save()
    record(actor, "letter.template_save", template, organization=organization, before=before,
           after={"title": template.title, "body": template.body, "doc_prefix": template.doc_prefix}, request=request)
    return template


@transaction.atomic
def reset_template(actor, organization, key: str, request=None) -> None:
    if not has_perm(actor, "letter.templates", organization.id):
        raise ActionRefused(_("只有本单位管理员可以修改文书模板。"))
    deleted, _rows = LetterTemplate.objects.filter(organization=organization, key=key).delete()
    if deleted:
        record(actor, "letter.template_reset", None, organization=organization, object_type="letters.lettertemplate",
               note=key, request=request)


@in_document_language
def compose(organization, key: str, values: dict, *, recipient: str = "", table: Table | None = None,
            on: dt.date | None = None, signature_org: str = "", attachments: tuple[str, ...] = (),
            note: str = "") -> tuple[Letter, str]:
    """The letter `key` in the unit's wording with `values` filled in, and the 代字 to number it with."""
    template = template_for(organization, key)
    blocks: list = []
    placed = False
    for line in template.body.splitlines():
        line = line.strip()
        if not line:
            continue
        if line == registry.TABLE_MARK:
            if table is not None:
                blocks.append(table)
            placed = True
            continue
        if line.startswith("#"):
            level = 2 if line.startswith("##") else 1
            blocks.append(Paragraph(registry.fill(line.lstrip("#").strip(), values), heading=True, level=level))
            continue
        # A value typed over several lines becomes several paragraphs.
        blocks.extend(Paragraph(part.strip()) for part in registry.fill(line, values).splitlines() if part.strip())
    if table is not None and not placed:
        blocks.append(table)
    letter = Letter(title=registry.fill(template.title, values), body=tuple(blocks), recipient=recipient,
                    signature_org=signature_org or organization.name, date=on, attachments=attachments, note=note)
    return letter, template.doc_prefix


def allocate_doc_number(organization, prefix: str, year: int) -> str:
    """`源政信复〔2026〕12号`: the next serial of this 代字 for the unit in the year (row-locked)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_doc_number must run inside a transaction")
    sequence, _created = DocNumberSequence.objects.select_for_update().get_or_create(
        organization=organization, prefix=prefix, year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return f"{prefix}〔{year}〕{sequence.last_serial}号"


@in_document_language
@transaction.atomic
def issue(actor, organization, key: str, letter: Letter, prefix: str, request=None,
          object_for_audit=None) -> IssuedDocument:
    """Number, render (DOCX and PDF) and store a letter. What is issued is never changed again."""
    on = letter.date or dt.date.today()
    number = allocate_doc_number(organization, prefix, on.year)
    # The unit's seal image goes only onto letters issued here (numbered, stored, audited).
    image = seals.seal_image(organization) if letter.seal else b""
    letter = dataclasses.replace(letter, doc_number=number, date=on, seal_image=image)
    docx_bytes, pdf_bytes = render_docx(letter), render_pdf(letter)
    document = IssuedDocument(
        organization=organization, template_key=key, doc_number=number, title=letter.title,
        recipient=letter.recipient[:200], issued_on=on, content=letter.to_dict(), issued_by=actor,
        docx_sha256=hashlib.sha256(docx_bytes).hexdigest(), pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
    )
    # Both files are deleted again if the transaction rolls back (gongkai.core.files).
    save_file(document.docx, "letter.docx", ContentFile(docx_bytes))
    save_file(document.pdf, "letter.pdf", ContentFile(pdf_bytes))
    document.save()
    record(actor, "letter.issue", object_for_audit or document, organization=organization,
           after={"doc_number": number, "title": letter.title, "pdf_sha256": document.pdf_sha256,
                  "sealed": bool(image)},
           request=request)
    return document
