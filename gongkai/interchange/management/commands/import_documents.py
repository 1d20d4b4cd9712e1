"""`gongkai import_documents FILE.jsonl`: import documents from an old site (docs/interchange.md).

Streams the file line by line (memory does not grow with its size) with a progress bar; each line is
imported on its own, so a bad line is reported with its number and reason and the rest still goes
in. Exits non-zero when any line failed. Running it again with the same file changes nothing.
Search indexing happens in batches while the import runs: in a second process when the task queue
runs in-process (gongkai/search/pipeline.py), through the queue's workers otherwise.
"""

import gc
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.interchange.importer import CREATED, FAILED, UNCHANGED, UPDATED, Importer
from gongkai.interchange.records import LineError, parse_line
from gongkai.search.services import deferred_indexing

# Objects allocated between collections of the youngest generation (CPython's default is 700). A bulk
# import allocates tens of thousands of short-lived model instances per batch, none of them cyclic
# garbage worth chasing that often: measured 15 % less CPU on the database side (bench/README.md).
GC_THRESHOLD = 50_000


@contextmanager
def fewer_collections():
    previous = gc.get_threshold()
    gc.freeze()  # what Django loaded at start-up is never garbage: keep it out of every collection
    gc.set_threshold(GC_THRESHOLD, previous[1], previous[2])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


class Command(BaseCommand):
    help = "Import documents from a JSON Lines file (one document per line)."
    requires_system_checks = []  # a data command: `gongkai check` / migrate run them

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .jsonl file; attachment paths are relative to its folder")
        parser.add_argument("--dry-run", action="store_true", help="check every line, write nothing")
        parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
        parser.add_argument("--index-inline", action="store_true",
                            help="index in this process, after each batch, instead of in a second process")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: 0}
        started = time.monotonic()
        with fewer_collections(), path.open("rb") as handle, deferred_indexing(
            background=not options["index_inline"] and not options["dry_run"]
        ) as indexing, tqdm(
            total=path.stat().st_size, unit="B", unit_scale=True, desc="import_documents",
            disable=options["no_progress"], mininterval=0.5,
        ) as bar:

            def report(number, outcome, error):
                counts[outcome] += 1
                if error:
                    bar.clear()
                    self.stderr.write(f"第 {number} 行：{error}")
                    bar.refresh()

            importer = Importer(base_dir=path.parent, report=report, dry_run=options["dry_run"])
            for number, raw in enumerate(handle, start=1):
                bar.update(len(raw))
                if not raw.strip():
                    continue
                try:
                    record = parse_line(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
                except UnicodeDecodeError:
                    report(number, FAILED, "不是 UTF-8 编码")
                    continue
                except LineError as exc:
                    report(number, FAILED, str(exc))
                    continue
                importer.add(number, record)
                if number % 500 == 0:
                    bar.set_postfix(ok=counts[CREATED] + counts[UPDATED] + counts[UNCHANGED], failed=counts[FAILED])
            importer.finish()
        seconds = time.monotonic() - started
        if indexing.failed:
            self.stderr.write("搜索索引未能全部更新（" + "；".join(indexing.errors[:3]) + "）。"
                              "已导入的信息不受影响；请运行 gongkai rebuild_index 或等待 gongkai run_periodic 补建索引。")
        summary = self.summary(counts, seconds, indexing, dry_run=options["dry_run"])
        if counts[FAILED]:
            raise CommandError(summary + " 失败的行见上方说明。")
        self.stdout.write(summary)

    @staticmethod
    def summary(counts, seconds, indexing, dry_run) -> str:
        done = counts[CREATED] + counts[UPDATED] + counts[UNCHANGED]
        text = (f"{'检查' if dry_run else '导入'}完成：新建 {counts[CREATED]}，更新 {counts[UPDATED]}，"
                f"未变 {counts[UNCHANGED]}，失败 {counts[FAILED]}；用时 {seconds:.1f} 秒"
                f"（{done / seconds if seconds else 0:.0f} 条/秒）。")
        if dry_run:
            return text
        if indexing.in_background:
            return text + f"搜索索引：后台进程编入 {indexing.indexed} 条。"
        return text + "搜索索引：由任务队列编入。"
