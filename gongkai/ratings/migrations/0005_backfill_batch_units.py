"""Link every batch to the units it touched, and every stored 整改情况 to the batch that wrote it.

A batch's units: those of the evaluations it added, and those whose 整改情况 it filled in, found through the
`ratings.rectify` audit entries (their note is the file's name, written within the import's transaction: the
batch of that name imported last before the entry). The same entries name the batch that last wrote each
evaluation's 整改情况; an evaluation without such an entry has its 整改情况 from the batch that added it.
"""

import datetime as dt

from django.db import migrations
from django.db.models import F

WINDOW = dt.timedelta(minutes=30)  # an import's entries are written in its transaction, after the batch


def backfill(apps, schema_editor):
    ImportBatch = apps.get_model("ratings", "ImportBatch")
    Evaluation = apps.get_model("ratings", "Evaluation")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for batch in ImportBatch.objects.all():
        batch.organizations.add(*set(Evaluation.objects.filter(batch=batch).values_list("organization_id", flat=True)))
    Evaluation.objects.exclude(rectification="").update(rectification_batch_id=F("batch_id"))
    batches = list(ImportBatch.objects.order_by("imported_at"))
    for event in AuditEvent.objects.filter(action="ratings.rectify", object_type="ratings.evaluation").order_by("at", "id"):
        found = [b for b in batches if b.filename[:100] == event.note and b.imported_at <= event.at <= b.imported_at + WINDOW]
        if not found or not event.object_id.isdigit():
            continue
        batch = found[-1]
        if event.organization_id:
            batch.organizations.add(event.organization_id)
        Evaluation.objects.filter(pk=int(event.object_id)).update(rectification_batch_id=batch.pk)


class Migration(migrations.Migration):

    dependencies = [
        ("ratings", "0004_batch_units_rectification_source"),
        ("audit", "0002_list_indexes"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
