"""Text answers again through core.masking.mask_numbers: an answer is masked when it is given and stored
masked, and core.masking now also reads numbers written in groups (370323 19900101 1234, 139 12345678), a
15-digit ID number after an ID word, zero-width characters or non-ASCII dashes and spaces between the digits,
and Arabic-Indic or other Unicode digits (core.numberforms). Answers given before kept such numbers.

Only answers with such a digit run are read again; only those that differ are written."""

from django.db import migrations

# CANDIDATE: a non-ASCII digit, two digits with separators or invisible characters between them, or 15 digits.
from gongkai.core.numberforms import CANDIDATE

CHUNK = 2000


def remask(apps, schema_editor):
    from gongkai.core.masking import mask_numbers

    Answer = apps.get_model("surveys", "Answer")
    rows = Answer.objects.exclude(text="").order_by("pk").values_list("pk", "text")
    for pk, text in rows.iterator(chunk_size=CHUNK):
        if CANDIDATE.search(text) and mask_numbers(text) != text:
            Answer.objects.filter(pk=pk).update(text=mask_numbers(text))


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0002_field_verbose_names"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
