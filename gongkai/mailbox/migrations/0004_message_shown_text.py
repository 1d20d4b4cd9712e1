"""Message.shown_text: the subject and content with every ID, mobile and landline number masked, filled on save,
so the staff list's keyword search over messages the reader sees masked is answered by the database
(queries.staff_matching) instead of reading every message that holds the word. Existing messages are filled
here, a chunk at a time, with the function the model uses."""

from django.db import migrations, models

CHUNK = 500


def fill(apps, schema_editor):
    from gongkai.core.masking import shown_search_text

    Message = apps.get_model("mailbox", "Message")
    rows = Message.objects.order_by("pk").values_list("pk", "subject", "content")
    for pk, subject, content in rows.iterator(chunk_size=CHUNK):
        Message.objects.filter(pk=pk).update(shown_text=shown_search_text(subject, content))


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
