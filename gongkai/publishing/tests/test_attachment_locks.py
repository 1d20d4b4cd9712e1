"""What the item's lock holds (review of auditW): an attachment change locks the item's row, not its unit's.

`locked()` read the item with its organization, and PostgreSQL's FOR UPDATE then locks the organization's row too.
Since auditW an upload (checked for seconds: archives are looked into) held the whole unit's row until it committed,
and every audited action of the unit — its audit event refers to the unit — waited for it: another 信息员 saving
another item of the unit hung. Tested on PostgreSQL, where the lock is real.
"""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.utils import timezone

from gongkai.publishing import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: row locks are real there")
@pytest.mark.django_db(transaction=True)
def test_an_upload_in_progress_does_not_hold_up_the_units_other_items(org, editor):
    uploading = services.create_item(editor, org, {"title": "正在上传附件", "formed_on": timezone.localdate()})
    other = services.create_item(editor, org, {"title": "另一条信息", "formed_on": timezone.localdate()})
    held, release, errors = threading.Event(), threading.Event(), []

    def upload_not_yet_committed():
        try:
            with transaction.atomic():
                services.add_attachment(editor, uploading, SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
                held.set()
                release.wait(timeout=30)
        except BaseException as exc:  # reported below
            errors.append(exc)
            held.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=upload_not_yet_committed)
    thread.start()
    try:
        assert held.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")  # old code: canceling statement due to lock timeout
            services.update_item(editor, other, {"title": "另一条信息（修改）"})
    finally:
        release.set()
        thread.join(timeout=30)
    assert not errors, errors
    other.refresh_from_db()
    assert other.title == "另一条信息（修改）" and uploading.attachments.count() == 1
