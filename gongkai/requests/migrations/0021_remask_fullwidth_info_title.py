"""RequestCase.info_title_shown again for names holding full-width characters: core.masking now masks numbers
typed in full-width digits (１３９１２３４５６７８, an ID number ending in Ｘ), and the column, filled on save,
still held them as typed, so the staff list's search for such a number found which case holds it.

Every name is read, a chunk at a time, masked with the function the model uses; only the few that differ are
written (as migration 0020)."""

from django.db import migrations

CHUNK = 2000


def _wide(text: str) -> bool:
    return any("\uff01" <= ch <= "\uff5e" or ch == "\u3000" for ch in text or "")


def remask(apps, schema_editor):
    from gongkai.core.masking import mask_numbers, shown_search_text

    RequestCase = apps.get_model("requests", "RequestCase")
    rows = RequestCase.objects.exclude(info_title="").order_by("pk").values_list("pk", "info_title",
                                                                                  "info_title_shown")
    for pk, title, stored in rows.iterator(chunk_size=CHUNK):
        if not _wide(title):
            continue
        shown = shown_search_text(title, mask=mask_numbers)
        if shown != stored:
            RequestCase.objects.filter(pk=pk).update(info_title_shown=shown)


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0020_case_info_title_shown"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
