"""Plans imported before the rule of issue #18: a requirement written 「各镇（街道）和县X局…」 is led by the first
county unit after 和 (the townships support), as gongkai.workplan.units now reads it. The roles already
stored are swapped where the townships lead and the text marks no lead; nothing else changes (the 应急预案
row of such plans stays one requirement: a supervisor re-imports the table into a new plan to split it).
"""

import re

from django.db import migrations

TOWNS_AND = re.compile(r"^\s*各乡?镇[（(]街道[)）](?:[、，,][^和]*)?和")


def forwards(apps, schema_editor):
    Task = apps.get_model("workplan", "Task")
    Responsibility = apps.get_model("workplan", "Responsibility")
    for task in Task.objects.exclude(responsibility_text="").filter(responsibility_text__contains="和"):
        text = task.responsibility_text
        match = TOWNS_AND.match(text)
        if match is None or "牵头" in text:
            continue
        before = text[:match.end()]
        rows = list(Responsibility.objects.filter(task=task).select_related("organization").order_by("position", "id"))
        leads = [r for r in rows if r.role == "lead"]
        if not leads or any(r.organization.kind != "township" for r in leads):
            continue
        department = next((r for r in rows if r.role == "support" and r.organization.kind != "township"
                           and r.organization.name not in before
                           and not (r.organization.short_name and r.organization.short_name in before)), None)
        if department is None:
            continue
        for lead in leads:
            lead.role = "support"
        department.role = "lead"
        ordered = [department] + [r for r in rows if r is not department]
        for position, row in enumerate(ordered):
            row.position = position
        Responsibility.objects.bulk_update(ordered, ["role", "position"])


class Migration(migrations.Migration):

    dependencies = [
        ("workplan", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
