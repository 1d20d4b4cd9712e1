"""Message.shown_text again for messages whose subject or content may hold a number written in a form core.masking
now reads (core.numberforms): in groups (139 1234 5678 was masked already; 370323 19900101 1234, 139 12345678
were not), a 15-digit ID number after an ID word, zero-width characters or non-ASCII dashes and spaces between
the digits, Arabic-Indic or other Unicode digits. The column, filled on save, held them as typed, so the staff
list's search for such a number found which message holds it.

Only messages with such a digit run are masked again (with the function the model uses); only those whose column
differs are written, a chunk per statement (as migrations 0004 and 0005)."""

from django.db import migrations

# CANDIDATE: a non-ASCII digit, two digits with separators or invisible characters between them, or 15 digits.
from gongkai.core.numberforms import CANDIDATE

CHUNK = 500


def _candidate(text: str) -> bool:
    return bool(CANDIDATE.search(text or ""))


def remask(apps, schema_editor):
    from gongkai.core.masking import shown_search_text

    Message = apps.get_model("mailbox", "Message")
    rows = Message.objects.order_by("pk").values_list("pk", "subject", "content", "shown_text")
    changed = []
    for pk, subject, content, stored in rows.iterator(chunk_size=CHUNK):
        if not (_candidate(subject) or _candidate(content)):
            continue
        shown = shown_search_text(subject, content)
        if shown != stored:
            changed.append(Message(pk=pk, shown_text=shown))
        if len(changed) >= CHUNK:
            Message.objects.bulk_update(changed, ["shown_text"])
            changed = []
    if changed:
        Message.objects.bulk_update(changed, ["shown_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("mailbox", "0005_remask_fullwidth_numbers"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
