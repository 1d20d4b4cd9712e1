"""A trigram index for the staff request list's search (申请编号, 申请人, 政府信息名称; issue #12 item 5).

`queries.search` filters with `icontains`, which Django writes on PostgreSQL as
`UPPER(col::text) LIKE UPPER('%…%')`: without an index that reads every case (about 1 s at 1 M cases in
a county). A GIN index over the same three expressions with pg_trgm's operator class answers the
`%…%` pattern from the index. PostgreSQL only (the extension is part of PostgreSQL's contrib, shipped
with Debian's postgresql package); on SQLite nothing is done.
"""

from django.db import migrations

INDEX = "requests_case_search_trgm"
CREATE = (f"CREATE INDEX IF NOT EXISTS {INDEX} ON requests_requestcase USING gin "
          "((UPPER(tracking_number::text)) gin_trgm_ops, (UPPER(applicant_name::text)) gin_trgm_ops, "
          "(UPPER(info_title::text)) gin_trgm_ops)")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("requests", "0011_annual_report_reply_date_index")]

    operations = [migrations.RunPython(create, drop)]
