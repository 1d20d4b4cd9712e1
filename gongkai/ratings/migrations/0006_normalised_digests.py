"""Digests of normalised texts (digests.normalise: LF line breaks, no trailing spaces) and the time in UTC; the
evaluations that were stored twice because of their line breaks merged, each merge audited
(digests.merge_duplicates)."""

from django.db import migrations

from gongkai.ratings.digests import merge_duplicates


def recompute(apps, schema_editor):
    merge_duplicates(apps.get_model("ratings", "Evaluation"), apps.get_model("audit", "AuditEvent"))


class Migration(migrations.Migration):

    dependencies = [
        ("ratings", "0005_backfill_batch_units"),
        ("audit", "0002_list_indexes"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
