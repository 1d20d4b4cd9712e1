"""`gongkai run_periodic`: the periodic jobs, run from cron or a systemd timer every few minutes
(docs/configuration.md "Workers and periodic jobs"; docs/decisions/0003-task-queue.md).

Each job is a function that enqueues work and returns a count. Other apps add theirs to JOBS
(a dotted path) so one timer drives everything.
"""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

JOBS = [
    # Scheduled items become searchable once their publication time has passed; anything the index
    # missed is repaired.
    ("search index", "gongkai.search.services.index_due_items"),
    # Attachments whose text is not extracted yet (a worker that was down, files from before).
    ("attachment text", "gongkai.publishing.tasks.enqueue_pending"),
    # 规范性文件: warn 90 days before the 有效期 ends, mark 已失效 when it has ended, apply 修改/废止 dated
    # ahead, and announce the documents that took effect since the last run (docs/regulations.md).
    ("normative validity", "gongkai.regulations.expiry.enqueue_sweep"),
    # 工作任务: flag newly overdue occurrences once to the unit and the 政务公开办 (docs/workplan.md).
    ("work plan overdue", "gongkai.workplan.services.flag_overdue"),
    # 检查指标: one scheduled inspection run a day (docs/inspection.md).
    ("inspection", "gongkai.inspection.services.enqueue_scheduled_run"),
    # Published page files older than GONGKAI_PAGE_CACHE_SECONDS (docs/decisions/0007-page-cache.md).
    ("page cache", "gongkai.core.pagecache.sweep"),
    # Notices to applicants that failed: retried when due (docs/notifications.md).
    ("notice retries", "gongkai.notifications.services.enqueue_due_retries"),
    # Subscriptions: scheduled items once public, then the daily/weekly digests (docs/subscriptions.md).
    ("subscriptions", "gongkai.subscriptions.topics.periodic"),
    # 同步推送 to 政务新媒体 whose webhook failed: retried when due (docs/newmedia.md).
    ("new media retries", "gongkai.newmedia.services.enqueue_due_retries"),
    # 留言办理: reminders before a reply period ends and overdue notices, each sent once (docs/mailbox.md).
    ("message reminders", "gongkai.mailbox.periodic.enqueue_reminders"),
    # 批量导入: previews never confirmed, deleted once expired (docs/interchange.md).
    ("expired import previews", "gongkai.interchange.pending.sweep"),
]


class Command(BaseCommand):
    help = "Run the periodic jobs (enqueue due work)."

    def handle(self, *args, **options):
        failed = 0
        for name, path in JOBS:
            try:
                count = import_string(path)()
            except Exception as exc:  # one failing job must not stop the others
                failed += 1
                self.stderr.write(f"{name}: failed: {exc!r}")
                continue
            self.stdout.write(f"{name}: {count}")
        if failed:
            raise SystemExit(1)
