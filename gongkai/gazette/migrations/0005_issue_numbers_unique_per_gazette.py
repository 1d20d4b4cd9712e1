"""期号 and 总期号 belong to the one 政府公报, not to the office that created the issue.

A database holding two issues with the same 期号 (or 总期号) from two offices stops here with a list of
them: which one is right is the gazette office's call (renumber or delete one in /admin/, then migrate).
"""

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    issue = apps.get_model("gazette", "GazetteIssue")
    clashes = [f"{row['year']}年第{row['number']}期" for row in
               issue.objects.values("year", "number").annotate(n=Count("id")).filter(n__gt=1)]
    clashes += [f"总第{row['total_number']}期" for row in
                issue.objects.values("total_number").annotate(n=Count("id")).filter(n__gt=1)]
    if clashes:
        raise RuntimeError("Gazette issues share a number across offices; renumber or delete one of each before "
                           "migrating: " + ", ".join(clashes))


class Migration(migrations.Migration):

    dependencies = [
        ("gazette", "0004_issue_withdrawal_and_secrecy_review"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="gazetteissue", name="unique_gazette_issue"),
        migrations.RemoveConstraint(model_name="gazetteissue", name="unique_gazette_total_number"),
        migrations.AddConstraint(
            model_name="gazetteissue",
            constraint=models.UniqueConstraint(fields=("year", "number"), name="unique_gazette_issue_number"),
        ),
        migrations.AddConstraint(
            model_name="gazetteissue",
            constraint=models.UniqueConstraint(fields=("total_number",), name="unique_gazette_issue_total_number"),
        ),
    ]
