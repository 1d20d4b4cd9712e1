"""The 严重错误 checker's curated list (data/serious_errors.json) loaded into the editable ErrorTerm table."""

from django.db import migrations


def load(apps, schema_editor):
    from gongkai.assurance.services.errors import load_builtin_terms

    load_builtin_terms(apps.get_model("assurance", "ErrorTerm"))


class Migration(migrations.Migration):
    dependencies = [("assurance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
