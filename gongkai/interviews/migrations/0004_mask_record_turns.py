"""The text record through core.masking.mask_numbers: a turn is public as soon as it is entered, and staff retype
citizens' questions into it (with the asker's ID or mobile number). A turn is now masked when it is entered and
stored masked (services.add_turn), as the public's questions are; turns entered before kept such numbers.

Only turns with a digit are read again (any Unicode decimal digit: core.numberforms folds them); only those
that differ are written."""

import re

from django.db import migrations

DIGIT = re.compile(r"\d")

CHUNK = 500


def remask(apps, schema_editor):
    from gongkai.core.masking import mask_numbers

    Turn = apps.get_model("interviews", "Turn")
    rows = Turn.objects.order_by("pk").values_list("pk", "text")
    for pk, text in rows.iterator(chunk_size=CHUNK):
        if DIGIT.search(text) and mask_numbers(text) != text:
            Turn.objects.filter(pk=pk).update(text=mask_numbers(text))


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0003_remask_written_forms"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
