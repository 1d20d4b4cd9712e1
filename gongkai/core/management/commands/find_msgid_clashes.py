"""gongkai find_msgid_clashes [--language en] [--new]: msgids two apps' catalogs translate differently.

Django shows the translation of the app listed first in INSTALLED_APPS wherever the msgid appears, so a
short word (「事项」, 「问题」) can take another app's English. Each line gives the msgid, the English shown
everywhere and every app's own; "← NEW" marks a clash not in core.msgid_clashes.ALLOWED (the test fails on
it): give the msgid a pgettext context in the app that means something else, or allow it with a reason.
It reads the compiled .mo files and changes nothing.
"""

from django.core.management.base import BaseCommand

from gongkai.core.msgid_clashes import ALLOWED, clash_report, find_clashes


class Command(BaseCommand):
    help = "List msgids that two apps' catalogs translate differently (the first app's translation wins)."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="en")
        parser.add_argument("--new", action="store_true", help="only the clashes not in the allow-list")

    def handle(self, *args, language, new, **options):
        lines = clash_report(language)
        if new:
            lines = [line for line in lines if line.endswith("← NEW")]
        for line in lines:
            self.stdout.write(line)
        clashes = find_clashes(language)
        fresh = len(set(clashes) - set(ALLOWED))
        self.stdout.write(f"{len(clashes)} clashes, {fresh} not in the allow-list.")
