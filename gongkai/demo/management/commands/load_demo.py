from django.core.management.base import BaseCommand

from gongkai.demo.loader import load


class Command(BaseCommand):
    help = "Load the 沂源县 demo data (organizations, users, items). Idempotent: a second run creates nothing."

    def handle(self, *args, **options):
        counts = load(stdout=self.stdout)
        self.stdout.write(counts.summary())
