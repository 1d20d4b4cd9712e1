"""The public's questions again through core.masking.mask_numbers: a question is masked when it is asked and
stored masked, and core.masking now also reads numbers written in groups (370323 19900101 1234, 139 12345678), a
15-digit ID number after an ID word, zero-width characters or non-ASCII dashes and spaces between the digits,
and Arabic-Indic or other Unicode digits (core.numberforms). Questions asked before kept such numbers, and an
adopted one is public.

Only questions with such a digit run are read again; only those that differ are written."""

from django.db import migrations

# CANDIDATE: a non-ASCII digit, two digits with separators or invisible characters between them, or 15 digits.
from gongkai.core.numberforms import CANDIDATE

CHUNK = 500


def remask(apps, schema_editor):
    from gongkai.core.masking import mask_numbers

    Question = apps.get_model("interviews", "Question")
    rows = Question.objects.order_by("pk").values_list("pk", "nickname", "text")
    for pk, nickname, text in rows.iterator(chunk_size=CHUNK):
        if not (CANDIDATE.search(nickname) or CANDIDATE.search(text)):
            continue
        masked = {"nickname": mask_numbers(nickname)[:30], "text": mask_numbers(text)}
        if masked != {"nickname": nickname, "text": text}:
            Question.objects.filter(pk=pk).update(**masked)


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0002_field_verbose_names"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
