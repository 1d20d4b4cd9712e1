"""RequestCase.info_title_shown again for names that may hold a number written in a form core.masking now reads
(core.numberforms): an ID number in groups (370323 19900101 1234), a mobile number as 139 12345678, a 15-digit
ID number after an ID word, zero-width characters or non-ASCII dashes and spaces between the digits,
Arabic-Indic or other Unicode digits. The column, filled on save, held them as typed, so the staff list's search
for such a number found which case holds it.

Only names with such a digit run are masked again (with the function the model uses); only those that differ are
written (as migrations 0020 and 0021)."""

from django.db import migrations

# CANDIDATE: a non-ASCII digit, two digits with separators or invisible characters between them, or 15 digits.
from gongkai.core.numberforms import CANDIDATE

CHUNK = 2000


def remask(apps, schema_editor):
    from gongkai.core.masking import mask_numbers, shown_search_text

    RequestCase = apps.get_model("requests", "RequestCase")
    rows = RequestCase.objects.exclude(info_title="").order_by("pk").values_list("pk", "info_title",
                                                                                  "info_title_shown")
    for pk, title, stored in rows.iterator(chunk_size=CHUNK):
        if not CANDIDATE.search(title):
            continue
        shown = shown_search_text(title, mask=mask_numbers)
        if shown != stored:
            RequestCase.objects.filter(pk=pk).update(info_title_shown=shown)


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0021_remask_fullwidth_info_title"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
