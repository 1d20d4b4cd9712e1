"""Files written in a transaction that rolls back leave nothing behind; `clean_files` finds the rest
(issue #19, item 11)."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from gongkai.core.files import delete_on_rollback

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def write(name: str) -> str:
    name = default_storage.save(name, ContentFile(b"data"))
    delete_on_rollback(default_storage, name)
    return name


def test_a_file_of_a_rolled_back_block_is_deleted_and_one_of_a_kept_block_stays():
    with transaction.atomic():
        kept = write("t/kept.bin")
        with pytest.raises(Boom), transaction.atomic():
            undone = write("t/undone.bin")
            assert default_storage.exists(undone)
            raise Boom
        assert not default_storage.exists(undone) and default_storage.exists(kept)


def test_a_file_written_outside_a_transaction_is_left_alone(transactional_db):
    name = write("t/plain.bin")
    assert default_storage.exists(name)


def test_commit_keeps_the_file_and_rollback_of_the_outermost_block_deletes_it(transactional_db):
    with transaction.atomic():
        committed = write("t/committed.bin")
    assert default_storage.exists(committed)
    with pytest.raises(Boom), transaction.atomic():
        rolled_back = write("t/rolled-back.bin")
        raise Boom
    assert default_storage.exists(committed) and not default_storage.exists(rolled_back)


def age(name: str, minutes: int) -> None:
    then = time.time() - minutes * 60
    os.utime(default_storage.path(name), (then, then))


def test_clean_files_lists_by_default_and_deletes_only_when_asked(capsys, org, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from gongkai.catalog.services import node_by_key
    from gongkai.publishing import services

    item = services.create_item(editor, org, {"title": "测试信息", "formed_on": timezone.localdate(),
                                              "body": "<p>正文</p>"}, [node_by_key(org, "plan.notices")])
    upload = SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    attachment = services.add_attachment(editor, item, upload)
    orphan = default_storage.save("attachments/ab/orphan.pdf", ContentFile(b"%PDF-orphan"))
    young = default_storage.save("letters/cd/young.pdf", ContentFile(b"%PDF-young"))
    for name in (attachment.file.name, orphan):
        age(name, 120)
    call_command("clean_files")
    out = capsys.readouterr().out
    assert orphan in out and attachment.file.name not in out and young not in out and "未删除" in out
    assert default_storage.exists(orphan)
    call_command("clean_files", "--delete")
    assert not default_storage.exists(orphan)
    assert default_storage.exists(attachment.file.name) and default_storage.exists(young)
    call_command("clean_files", "--older-than", "0", "--delete")
    assert not default_storage.exists(young) and default_storage.exists(attachment.file.name)
