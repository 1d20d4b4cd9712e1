"""Message.shown_text: the subject and content with every ID, mobile and landline number masked, filled on save,
so the staff list's keyword search over messages the reader sees masked is answered by the database
(queries.staff_matching) instead of reading every message that holds the word.

Existing messages: the column takes the subject and content, joined, in one statement; then every message is
read, a chunk at a time, masked with the function the model uses, and only those whose text holds a number to
mask are written again, a chunk per statement (one UPDATE per message took minutes at a million messages)."""

from django.db import migrations, models
from django.db.models import TextField, Value
from django.db.models.functions import Concat

CHUNK = 500


def fill(apps, schema_editor):
    from gongkai.core.masking import SHOWN_TEXT_SEPARATOR, shown_search_text

    Message = apps.get_model("mailbox", "Message")
    Message.objects.update(shown_text=Concat("subject", Value(SHOWN_TEXT_SEPARATOR), "content",
                                             output_field=TextField()))
    rows = Message.objects.order_by("pk").values_list("pk", "subject", "content")
    changed = []
    for pk, subject, content in rows.iterator(chunk_size=CHUNK):
        shown = shown_search_text(subject, content)
        if shown != SHOWN_TEXT_SEPARATOR.join((subject or "", content or "")):
            changed.append(Message(pk=pk, shown_text=shown))
        if len(changed) >= CHUNK:
            Message.objects.bulk_update(changed, ["shown_text"])
            changed = []
    if changed:
        Message.objects.bulk_update(changed, ["shown_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("mailbox", "0003_field_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="shown_text",
            field=models.TextField(blank=True, editable=False, verbose_name="检索文本（号码已遮盖）"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
