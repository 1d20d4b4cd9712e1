"""The texts of evaluations imported before core.masking read numbers in every written form (mask2: in groups,
with em dashes or invisible characters between the digits, in other Unicode digits, a 15-digit ID number after an
ID word) masked again as an import masks them now, and their digests recomputed (digests.remask): the digest is
taken of the masked texts, so a later export holding the same row was stored a second time. Evaluations that
now share a digest are merged into the one imported first, each merge audited. Not reversible in data: the
texts are masked (nothing to restore); going back leaves them masked."""

from django.db import migrations

from gongkai.ratings.digests import remask


def forwards(apps, schema_editor):
    remask(apps.get_model("ratings", "Evaluation"), apps.get_model("audit", "AuditEvent"))


class Migration(migrations.Migration):

    dependencies = [
        ("ratings", "0006_normalised_digests"),
        ("audit", "0002_list_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
