"""Message.shown_text again for messages whose subject or content holds full-width characters: core.masking now
masks numbers typed in full-width digits (１３９１２３４５６７８, an ID number ending in Ｘ), and the column, filled
on save, still held them as typed, so the staff list's search for such a number found which message holds it.

Every message is read, a chunk at a time, masked with the function the model uses; only those whose column
differs are written, a chunk per statement (as migration 0004)."""

from django.db import migrations

CHUNK = 500


def _wide(text: str) -> bool:
    return any("\uff01" <= ch <= "\uff5e" or ch == "\u3000" for ch in text or "")


def remask(apps, schema_editor):
    from gongkai.core.masking import shown_search_text

    Message = apps.get_model("mailbox", "Message")
    rows = Message.objects.order_by("pk").values_list("pk", "subject", "content", "shown_text")
    changed = []
    for pk, subject, content, stored in rows.iterator(chunk_size=CHUNK):
        if not (_wide(subject) or _wide(content)):
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
        ("mailbox", "0004_message_shown_text"),
    ]

    operations = [
        migrations.RunPython(remask, migrations.RunPython.noop),
    ]
