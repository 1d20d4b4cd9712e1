from django.core.management.base import BaseCommand

from gongkai.demo.loader import Loader


class Command(BaseCommand):
    help = "Load the 沂源县 demo data (organizations, users, items). Idempotent: a second run creates nothing."

    def handle(self, *args, **options):
        loader = Loader()
        counts = loader.run()
        self.stdout.write(counts.summary())
        if loader.extension_output:
            self.stdout.write(loader.extension_output, ending="")
