"""The content type column of the PostgreSQL search table (search/kinds.py); PostgreSQL only."""

from django.db import migrations


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_pg_entry ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'item'")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_pg_entry DROP COLUMN IF EXISTS kind")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonym_dictionary")]

    operations = [migrations.RunPython(add, remove)]
