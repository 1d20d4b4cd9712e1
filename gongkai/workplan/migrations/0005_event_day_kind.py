from django.db import migrations, models


def working_days_as_read(apps, schema_editor):
    """事后限期 read earlier from 「…N个工作日内」 were stored as calendar days: their phrase says otherwise."""
    Deadline = apps.get_model("workplan", "Deadline")
    Deadline.objects.filter(kind="event", phrase__contains="工作日").update(event_day_kind="working")


class Migration(migrations.Migration):

    dependencies = [
        ('workplan', '0004_field_verbose_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='deadline',
            name='event_day_kind',
            field=models.CharField(choices=[('calendar', '日'), ('working', '个工作日')], default='calendar', max_length=8, verbose_name='天数计法'),
        ),
        migrations.RunPython(working_days_as_read, migrations.RunPython.noop),
    ]
