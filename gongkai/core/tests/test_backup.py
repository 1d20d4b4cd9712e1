"""`gongkai backup` and `gongkai restore`: a restored site equals the original, and the field key is never
in the archive (issue #19, item 8). Runs on SQLite and, with DATABASE_URL, on PostgreSQL (pg_dump)."""

import datetime as dt
import json
import shutil
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "关于公开城乡低保资金发放情况的通知"


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            result[table] = cursor.fetchone()[0]
    return result


def found(q: str) -> list[int]:
    from gongkai.search import services
    from gongkai.search.query import SearchQuery

    return [hit.item.id for hit in services.search(SearchQuery(q=q)).hits]


@pytest.fixture
def site(org, editor, reviewer):
    from gongkai.catalog.services import node_by_key
    from gongkai.publishing import services
    from gongkai.requests.factories import received_case

    item = services.create_item(editor, org, {"title": TITLE, "formed_on": timezone.localdate(), "body": "<p>正文</p>"},
                                [node_by_key(org, "plan.notices")])
    attachment = services.add_attachment(editor, item, SimpleUploadedFile("通知.pdf", PDF))
    services.submit(editor, item)
    services.approve(reviewer, item, "经审查，不涉及国家秘密，同意公开。", secrecy_checked=True)
    services.publish(reviewer, item)
    case = received_case(org, dt.date(2020, 3, 2), id_number="11010519491231002X")
    return item, attachment, case


def test_a_restored_site_equals_the_original(site, tmp_path, capsys, settings):
    from gongkai.publishing.models import Attachment
    from gongkai.requests.models import RequestCase

    item, attachment, case = site
    assert found("低保资金") == [item.id]
    before = counts()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    assert "字段密钥不在备份中" in capsys.readouterr().out
    assert archive.stat().st_mode & 0o077 == 0  # the owner's only

    # A new machine: an empty database, no files, no index.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "index-of-the-new-machine"
    assert not RequestCase.objects.exists()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), "--yes")

    assert counts() == before
    assert RequestCase.objects.get(pk=case.pk).id_number == "11010519491231002X"
    with Attachment.objects.get(pk=attachment.pk).file.open("rb") as handle:
        assert handle.read() == PDF
    assert found("低保资金") == [item.id]


def test_the_field_key_is_never_in_the_archive_and_restore_needs_it(site, tmp_path, settings):
    from gongkai.requests.models import RequestCase

    archive = tmp_path / "site.tar"
    call_command("backup", str(archive))
    data = archive.read_bytes()
    for key in settings.GONGKAI_FIELD_KEYS:
        assert key.encode() not in data
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and not [n for n in names if "key" in n.lower()]

    settings.GONGKAI_FIELD_KEYS = [Fernet.generate_key().decode()]  # a machine without the kept-apart key
    with pytest.raises(CommandError, match="GONGKAI_FIELD_KEY"):
        call_command("restore", str(archive), "--yes")
    assert RequestCase.objects.count() == 1  # nothing was touched


def test_an_archive_with_a_path_out_of_the_media_root_is_refused(tmp_path, db):
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as tar:
        manifest = {"format": "gongkai-backup/1", "database": connection.vendor, "field_key_fingerprints": []}
        (tmp_path / "m.json").write_text(json.dumps(manifest))
        tar.add(tmp_path / "m.json", arcname="manifest.json")
        tar.add(tmp_path / "m.json", arcname="media/../../escape.txt")
    with pytest.raises(CommandError, match="不安全的条目"):
        call_command("restore", str(evil), "--yes")
    assert not (tmp_path / "escape.txt").exists()
