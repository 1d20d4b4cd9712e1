# The rate limit becomes one counter row per bucket, client and window (counted up atomically), and
# public form tokens become single-use. Throttle rows are short-lived counts: the table is recreated.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('requests', '0004_exemption_basis_shared'),
    ]

    operations = [
        migrations.DeleteModel(name='Throttle'),
        migrations.CreateModel(
            name='Throttle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bucket', models.CharField(max_length=20)),
                ('client_digest', models.CharField(max_length=64)),
                ('window_start', models.DateTimeField(db_index=True)),
                ('hits', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('bucket', 'client_digest', 'window_start'),
                                                        name='unique_throttle_window')],
            },
        ),
        migrations.CreateModel(
            name='UsedFormToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nonce', models.CharField(max_length=32, unique=True)),
                ('used_at', models.DateTimeField(db_index=True)),
            ],
        ),
    ]
