from django.core.management.base import BaseCommand

from gongkai.catalog.services import ensure_catalog
from gongkai.organizations.models import Organization


class Command(BaseCommand):
    help = "Create the built-in catalog nodes every organization should have (idempotent)."

    def handle(self, *args, **options):
        total = 0
        for organization in Organization.objects.order_by("id"):
            created = ensure_catalog(organization)
            total += created
            if created and options["verbosity"] >= 2:
                self.stdout.write(f"{organization.name}: {created}")
        self.stdout.write(f"{total} catalog node(s) created for {Organization.objects.count()} organization(s).")
