"""The table of the PostgreSQL search backend (gongkai/search/backends/postgres.py).

Created on PostgreSQL only; on SQLite this migration does nothing. Not a Django model: its columns
are PostgreSQL arrays with GIN indexes, and only the backend reads or writes it.
"""

from django.db import migrations

CREATE = [
    """
    CREATE TABLE IF NOT EXISTS search_pg_entry (
        item_id bigint PRIMARY KEY,
        organization_id bigint NOT NULL,
        node_ids bigint[] NOT NULL DEFAULT '{}',
        year integer NOT NULL,
        topic text NOT NULL DEFAULT '',
        doc_type text NOT NULL DEFAULT '',
        validity text NOT NULL DEFAULT '',
        published_at timestamptz NOT NULL,
        doc_key text NOT NULL DEFAULT '',
        index_key text NOT NULL DEFAULT '',
        title_norm text NOT NULL,
        body_norm text NOT NULL,
        grams text[] NOT NULL,
        words text[] NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS search_pg_entry_grams ON search_pg_entry USING gin (grams)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_words ON search_pg_entry USING gin (words)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_nodes ON search_pg_entry USING gin (node_ids)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_recent ON search_pg_entry (published_at DESC, item_id DESC)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_org ON search_pg_entry (organization_id)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_doc_key ON search_pg_entry (doc_key)",
    "CREATE INDEX IF NOT EXISTS search_pg_entry_index_key ON search_pg_entry (index_key)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_pg_entry")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
