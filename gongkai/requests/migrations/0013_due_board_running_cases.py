"""Issue #12: the due lists at a county's scale (requests.due_board). RequestCase.clock_changed mirrors
"an active deadline-changing event" (set here from the events, kept by requests.mirror afterwards); the
running cases get a partial index holding every column their clocks are grouped by."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, OuterRef

CHANGING = ["correction_notice", "correction_received", "consultation", "fee", "extension", "delayed"]


def mirror(apps, schema_editor):
    RequestCase = apps.get_model("requests", "RequestCase")
    ClockEvent = apps.get_model("requests", "ClockEvent")
    changing = ClockEvent.objects.filter(case_id=OuterRef("pk"), voided_at__isnull=True, kind__in=CHANGING)
    RequestCase.objects.filter(Exists(changing)).update(clock_changed=True)


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0002_unit_seal_image'),
        ('organizations', '0002_postcode_validator'),
        ('publishing', '0003_attachment_text'),
        ('requests', '0012_case_search_trigram_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='requestcase',
            name='clock_changed',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mirror, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='clockevent',
            index=models.Index(condition=models.Q(('kind__in', ['correction_notice', 'correction_received']), ('voided_at__isnull', True)), fields=['case'], include=('kind',), name='requests_clock_correction'),
        ),
        migrations.AddIndex(
            model_name='requestcase',
            index=models.Index(condition=models.Q(('state__in', ['accepted', 'agency', 'correction', 'fee', 'pending', 'processing', 'review', 'third_party']), models.Q(('source', 'platform'), ('state__in', ['abandoned', 'delivered', 'replied'])), _connector='OR'), fields=['organization', 'received_on'], include=('id', 'state', 'source', 'channel', 'replied_on', 'clock_changed'), name='requests_case_running'),
        ),
    ]
