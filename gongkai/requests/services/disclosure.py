"""The information provided with a reply: files uploaded by the handler, or items already published
(第三十六条第（一）、（二）项). They are listed as 附件 of the 答复书, and the applicant downloads them
from the lookup page (网上查询下载) for GONGKAI_DISCLOSURE_DOWNLOAD_DAYS days after the reply; every
download is logged."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import crypto
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.requests.choices import ANSWERED_STATES, State
from gongkai.requests.models import DisclosedDocument, DisclosureDownload, RequestCase
from gongkai.requests.services.common import audit, locked, require, require_state

EDITABLE_STATES = {State.ACCEPTED, State.PROCESSING}  # while the reply is drafted (returned drafts too)


@transaction.atomic
def attach_file(actor, case: RequestCase, upload, request=None) -> DisclosedDocument:
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, EDITABLE_STATES, _("添加提供的信息"))
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ActionRefused(" ".join(exc.messages)) from exc
    upload.seek(0)
    digest = hashlib.sha256(upload.read()).hexdigest()
    upload.seek(0)
    document = DisclosedDocument(case=case, name=checked.name[:200], content_type=checked.content_type,
                                 size=checked.size, added_by=actor)
    document.file.save(checked.name, upload, save=False)
    document.save()
    audit(actor, "disclose_add", case, request=request, note=document.name, extra={"sha256": digest})
    return document


@transaction.atomic
def attach_item(actor, case: RequestCase, index_no: str, request=None) -> DisclosedDocument:
    """A published item, named by its 索引号."""
    from gongkai.publishing.models import InformationItem

    item = InformationItem.objects.live().filter(index_no=(index_no or "").strip()).first()
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, EDITABLE_STATES, _("添加提供的信息"))
    if item is None:
        raise ActionRefused(_("没有找到这个索引号的已公开信息，请核对索引号。"))
    if case.disclosed.filter(item=item).exists():
        raise ActionRefused(_("这条信息已经添加过了。"))
    document = DisclosedDocument.objects.create(case=case, item=item, name=item.title[:200], added_by=actor)
    audit(actor, "disclose_add", case, request=request, note=document.name, extra={"item": item.pk})
    return document


@transaction.atomic
def remove(actor, case: RequestCase, document: DisclosedDocument, request=None) -> None:
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, EDITABLE_STATES, _("删除提供的信息"))
    if document.case_id != case.pk:
        raise ActionRefused(_("没有这份材料。"))
    audit(actor, "disclose_remove", case, request=request, note=document.name)
    document.delete()


def available_until(case: RequestCase) -> dt.date | None:
    """The last day the applicant may download (None: nothing to download yet, or any more)."""
    if case.replied_on is None or case.state not in ANSWERED_STATES or case.state == State.ABANDONED:
        return None
    return case.replied_on + dt.timedelta(days=settings.GONGKAI_DISCLOSURE_DOWNLOAD_DAYS)


def downloadable(case: RequestCase, today: dt.date | None = None) -> bool:
    until = available_until(case)
    return until is not None and (today or timezone.localdate()) <= until


def log_download(document: DisclosedDocument, client_address: str = "") -> DisclosureDownload:
    client = crypto.digest("download-client", client_address) if client_address else ""
    return DisclosureDownload.objects.create(document=document, client=client)


def attachment_names(case: RequestCase) -> tuple[str, ...]:
    """For the 答复书's 附件说明."""
    return tuple(document.name for document in case.disclosed.all())
