"""gongkai backup [FILE]: the database and the uploaded files in one archive; never the field key.

See gongkai/core/backup.py and docs/security.md (备份与恢复, keys kept apart)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("备份数据库（SQLite 用在线备份接口，PostgreSQL 用 pg_dump）和附件等上传文件到一个归档文件。"
            "字段密钥 GONGKAI_FIELD_KEY 不在备份中，须另行保管；搜索索引恢复时重建。")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="归档文件名（默认 gongkai-backup-日期时间.tar.gz，.gz 结尾则压缩）")

    def handle(self, *args, file=None, **options):
        path = Path(file or f"gongkai-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"已备份到 {path}：{manifest['database']} 数据库，{manifest['media_files']} 个文件"
            f"（{manifest['media_bytes']} 字节）。"))
        self.stdout.write("字段密钥不在备份中：恢复时须配置指纹为 "
                          + "、".join(manifest["field_key_fingerprints"]) + " 的 GONGKAI_FIELD_KEY，请与备份分开保管。")
