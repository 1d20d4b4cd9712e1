"""gongkai clean_files [--delete] [--older-than MINUTES]: files in storage that no row references.

Every FileField of every model (history tables included, so a file an old revision still names is
kept) is read for the names it references; every file under the storage that none of them names is
an orphan — left by a crash between writing a file and committing its row, or by older versions.
By default the orphans are only listed; `--delete` removes them. Files younger than `--older-than`
minutes are left alone, since a transaction in progress may be about to commit a row for them.
"""

import datetime as dt

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone


def file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def orphans(older_than: dt.timedelta):
    """[(storage, name, size)] of files no row references, oldest first within each storage."""
    storages: dict[int, tuple] = {}
    for model, field in file_fields():
        storage, referenced = storages.setdefault(id(field.storage), (field.storage, set()))
        names = model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
        referenced.update(name for name in names.iterator() if name)
    cutoff = timezone.now() - older_than
    found = []
    for storage, referenced in storages.values():
        for name in _walk(storage, ""):
            if name in referenced:
                continue
            if storage.get_modified_time(name) > cutoff:
                continue
            found.append((storage, name, storage.size(name)))
    return found


def _walk(storage, folder: str):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


class Command(BaseCommand):
    help = ("列出存储中没有任何数据行引用的文件（默认只列出，不删除）；加 --delete 删除。"
            "修改时间不足 --older-than 分钟（默认 60）的文件不算，以免删去正在提交的文件。")

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="删除列出的文件")
        parser.add_argument("--older-than", type=int, default=60, metavar="MINUTES",
                            help="只处理修改时间早于此分钟数的文件（默认 60）")

    def handle(self, *args, delete=False, older_than=60, **options):
        found = orphans(dt.timedelta(minutes=max(0, older_than)))
        for storage, name, size in found:
            self.stdout.write(f"{name}\t{size}")
            if delete:
                storage.delete(name)
        total = sum(size for _storage, _name, size in found)
        if not found:
            self.stdout.write(self.style.SUCCESS("没有无引用的文件。"))
        elif delete:
            self.stdout.write(self.style.SUCCESS(f"已删除 {len(found)} 个无引用的文件，共 {total} 字节。"))
        else:
            self.stdout.write(self.style.WARNING(
                f"{len(found)} 个文件没有数据行引用，共 {total} 字节。未删除：加 --delete 删除。"))
