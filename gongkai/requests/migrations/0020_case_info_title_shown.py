"""RequestCase.info_title_shown: the 政府信息名称 as every staff page shows it (ID and mobile numbers masked,
core.masking.mask_numbers), filled on save; the staff list's search matches it instead of the name as typed,
so a number typed in full does not tell which case holds it (queries.search). The trigram index of migration
0012 is made again over it on PostgreSQL: dropped before the column is filled (every row is rewritten, and each
new row version went into the GIN index as well: 33 s instead of 5 s at 200 k cases), made once at the end.

Existing cases: the column takes the name in one statement, then the few names that hold a number to mask are
corrected one by one (every name is read, a chunk at a time, and masked with the function the model uses)."""

from django.db import migrations, models
from django.db.models import F

CHUNK = 2000
INDEX = "requests_case_search_trgm"
COLUMNS = "(UPPER(tracking_number::text)) gin_trgm_ops, (UPPER(applicant_name::text)) gin_trgm_ops, "
CREATE = f"CREATE INDEX {INDEX} ON requests_requestcase USING gin ({COLUMNS}(UPPER(%s)) gin_trgm_ops)"


def fill(apps, schema_editor):
    from gongkai.core.masking import mask_numbers, shown_search_text

    RequestCase = apps.get_model("requests", "RequestCase")
    RequestCase.objects.update(info_title_shown=F("info_title"))
    rows = RequestCase.objects.exclude(info_title="").order_by("pk").values_list("pk", "info_title")
    for pk, title in rows.iterator(chunk_size=CHUNK):
        shown = shown_search_text(title, mask=mask_numbers)
        if shown != title:
            RequestCase.objects.filter(pk=pk).update(info_title_shown=shown)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def index_shown(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(CREATE % "info_title_shown")


def index_typed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(CREATE % "info_title::text")


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0019_fee_notice_basis_wording"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestcase",
            name="info_title_shown",
            field=models.TextField(blank=True, editable=False, verbose_name="政府信息名称（号码已遮盖）"),
        ),
        migrations.RunPython(drop_index, index_typed),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index_shown, drop_index),
    ]
