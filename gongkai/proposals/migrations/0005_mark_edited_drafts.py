"""Drafts the unit edited before `Summary.edited` existed (0004 added it as False for every row) are marked
edited, so that regenerating one asks first instead of overwriting the unit's text. The audit log tells which:
a `proposal.summary_edit` event on the summary later than its last `proposal.summary_generate` (a redraft
after the edit replaced the edited text)."""

from django.db import migrations
from django.db.models import Max


def mark_edited(apps, schema_editor):
    Summary = apps.get_model("proposals", "Summary")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    drafts = {str(pk): pk for pk in Summary.objects.filter(state="draft", edited=False).values_list("pk", flat=True)}
    if not drafts:
        return
    last_edit, last_generate = {}, {}
    for object_id, action, at in (AuditEvent.objects.filter(
            action__in=("proposal.summary_edit", "proposal.summary_generate"), object_type="proposals.summary",
            object_id__in=list(drafts)).values("object_id", "action").annotate(at=Max("at"))
            .values_list("object_id", "action", "at")):
        (last_edit if action == "proposal.summary_edit" else last_generate)[object_id] = at
    edited = [drafts[object_id] for object_id, at in last_edit.items()
              if object_id not in last_generate or at > last_generate[object_id]]
    Summary.objects.filter(pk__in=edited).update(edited=True)


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0004_summary_edited"),
        ("audit", "0002_list_indexes"),
    ]

    operations = [migrations.RunPython(mark_edited, migrations.RunPython.noop)]
