"""Backing up and restoring a site: the database, the uploaded files, and never the field key.

The archive is one tar file (gzip-compressed when its name ends in .gz):

- `manifest.json` — format, time, database vendor, the migrations applied, the fingerprints of the
  field keys (a hash: the keys themselves are never in the archive) and the number of media files;
- `database.sqlite3` — SQLite copied through its online backup API (`sqlite3.Connection.backup`),
  which sees every committed transaction, those still in the WAL included, while the site runs;
  or `database.pgdump` — PostgreSQL through `pg_dump --format=custom`, a consistent snapshot;
- `media/…` — every file under the storage root (attachments, letters, reports, gazette PDFs).

The search index is not in the archive: restore rebuilds it from the database (`rebuild_index`).
The field key (GONGKAI_FIELD_KEY) encrypts applicants' ID and phone numbers; a backup that carried it
would hand those numbers to whoever holds the backup, so it is kept apart (docs/security.md) and
restore refuses to run until the keys whose fingerprints the manifest lists are configured.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "gongkai-backup/1"
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, in Chinese."""


def key_fingerprint(key: str) -> str:
    """A one-way fingerprint of a field key, to tell which key an archive needs without holding it."""
    return hashlib.sha256(b"gongkai-field-key:" + key.strip().encode()).hexdigest()[:16]


def _vendor() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(f"不支持备份 {connection.vendor} 数据库（支持 SQLite 和 PostgreSQL）。")
    return connection.vendor


def _pg_env() -> dict:
    values = connection.settings_dict
    env = {**os.environ, "PGDATABASE": values["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if values.get(key):
            env[name] = str(values[key])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()[:2000]}")


def _dump_database(target: Path) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def _media_files(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def backup(output: Path) -> dict:
    """Write the archive to `output` (readable by its owner only); the manifest."""
    vendor = _vendor()
    root = Path(settings.MEDIA_ROOT)
    migrations = sorted(MigrationRecorder(connection).applied_migrations())
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as work:
        dump = Path(work) / DUMPS[vendor]
        _dump_database(dump)  # first the database, then the files it names
        files = list(_media_files(root))
        manifest = {
            "format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": vendor, "migrations": [f"{app}.{name}" for app, name in migrations],
            "field_key_fingerprints": [key_fingerprint(k) for k in settings.GONGKAI_FIELD_KEYS],
            "media_files": len(files), "media_bytes": sum(p.stat().st_size for p in files),
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode=_mode(output, "w")) as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=DUMPS[vendor])
            for path in files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(root).as_posix()}")
        partial.replace(output)
    return manifest


def _mode(path: Path, verb: str) -> str:
    return f"{verb}:gz" if path.name.endswith(".gz") else f"{verb}:"


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError("这不是 gongkai backup 生成的备份文件（没有 manifest.json）。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')!r}。")
    return manifest


def check_keys(manifest: dict) -> None:
    configured = {key_fingerprint(k) for k in settings.GONGKAI_FIELD_KEYS}
    missing = [f for f in manifest.get("field_key_fingerprints", []) if f not in configured]
    if missing:
        raise BackupError(
            "本备份中的个人信息用另外的字段密钥加密（密钥指纹 " + "、".join(missing) + "），当前没有配置："
            "请把单独保管的密钥设置为 GONGKAI_FIELD_KEY（多把密钥用逗号分隔）后再恢复。密钥从不放在备份里。")


def restore(path: Path, rebuild_index: bool = True) -> dict:
    """Replace the database and the media files with those of the archive; rebuild the search index."""
    vendor = _vendor()
    try:
        archive = tarfile.open(path, mode="r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"无法打开备份文件：{path}") from exc
    with archive, tempfile.TemporaryDirectory(prefix="gongkai-restore-") as work:
        manifest = read_manifest(archive)
        if manifest["database"] != vendor:
            raise BackupError(f"备份来自 {manifest['database']} 数据库，当前站点使用 {vendor}：请恢复到同类数据库。")
        check_keys(manifest)
        members = _checked_members(archive, vendor)
        dump = Path(work) / DUMPS[vendor]
        with archive.extractfile(members[DUMPS[vendor]]) as source, dump.open("wb") as target:
            shutil.copyfileobj(source, target)
        _load_database(dump)
        _restore_media(archive, [m for name, m in members.items() if name.startswith(MEDIA + "/")])
    call_command("migrate", interactive=False, verbosity=0)  # an archive of an older version catches up
    if rebuild_index:
        call_command("rebuild_index", "--no-progress", verbosity=0)
    return manifest


def _checked_members(archive: tarfile.TarFile, vendor: str) -> dict:
    members = {}
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份文件中有不安全的条目：{member.name}")
        if member.isfile():
            members[str(name)] = member
    if DUMPS[vendor] not in members:
        raise BackupError("备份文件中没有数据库。")
    return members


def _load_database(dump: Path) -> None:
    if connection.in_atomic_block:
        raise BackupError("不能在事务中恢复数据库。")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump)])


def _restore_media(archive: tarfile.TarFile, members) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    for member in members:
        relative = PurePosixPath(member.name).relative_to(MEDIA)
        target = (root / relative).resolve()
        if root not in target.parents:
            raise BackupError(f"备份文件中有不安全的条目：{member.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        target.chmod(settings.FILE_UPLOAD_PERMISSIONS or 0o640)
