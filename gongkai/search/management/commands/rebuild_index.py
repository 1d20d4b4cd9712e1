"""`gongkai rebuild_index`: empty the search index and index every live item again, with a progress bar.

Run it after changing GONGKAI_SEARCH_BACKEND, the government-terms dictionary or the index schema,
or to repair an index restored from an old backup. Search keeps answering during the rebuild, with
fewer results until it ends.
"""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gongkai.publishing.models import InformationItem
from gongkai.search import services
from gongkai.search.backends import get_backend


class Command(BaseCommand):
    help = "Rebuild the search index from the database (live items only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args, **options):
        total = InformationItem.objects.live().count()
        started = time.monotonic()
        with tqdm(total=total, unit="doc", desc="rebuild_index", disable=options["no_progress"],
                  mininterval=0.5) as bar:
            indexed = services.rebuild(progress=bar.update)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Indexed {indexed} live item(s) into the {get_backend().name} backend in {seconds:.1f} s."
        )
