"""`gongkai purge_pages`: remove every published page file and start a new fragment generation.

Published pages are refreshed by themselves when an item changes (portal/pagecache.py) and expire after
GONGKAI_PAGE_CACHE_SECONDS; run this after an upgrade that changes what pages show (a template, a masking
rule), or after editing data outside the application, so that no visitor is served the old text.
"""

from django.core.management.base import BaseCommand

from gongkai.core import pagecache
from gongkai.portal import fragments


class Command(BaseCommand):
    help = "删除全部已静态化发布的页面文件，并使各进程缓存的页面片段失效（升级后运行）。"

    def handle(self, *args, **options):
        removed = pagecache.purge_all()
        fragments.bump()
        where = pagecache.root() if pagecache.enabled() else "（未设置 GONGKAI_PAGE_CACHE_DIR，没有页面文件）"
        self.stdout.write(f"已删除页面文件 {removed} 个：{where}；页面片段缓存已全部失效。")
