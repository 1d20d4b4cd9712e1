"""gongkai restore FILE --yes: replace the database and the uploaded files with an archive of `gongkai backup`,
then rebuild the search index. Stop the site (web processes and workers) first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("用 gongkai backup 的归档文件替换当前数据库和上传文件，然后重建搜索索引。"
            "先停止网站和后台任务；须已配置备份时所用的字段密钥 GONGKAI_FIELD_KEY。")

    def add_arguments(self, parser):
        parser.add_argument("file", help="gongkai backup 生成的归档文件")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库和上传文件")
        parser.add_argument("--no-rebuild-index", action="store_true", help="不重建搜索索引（之后自行运行 rebuild_index）")

    def handle(self, *args, file, yes=False, no_rebuild_index=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到备份文件：{file}")
        if not yes:
            raise CommandError("恢复会覆盖当前数据库和上传文件。确认无误请加 --yes 再运行。")
        try:
            manifest = restore(path, rebuild_index=not no_rebuild_index)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"已从 {path} 恢复（备份时间 {manifest['created_at']}，{manifest['media_files']} 个文件）"
            + ("，搜索索引已重建。" if not no_rebuild_index else "。请运行 gongkai rebuild_index。")))
