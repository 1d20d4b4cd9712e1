# A staff member's phone number, encrypted at rest (core.crypto).

import gongkai.core.crypto
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_must_change_password'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='phone',
            field=gongkai.core.crypto.EncryptedTextField(blank=True, help_text='选填，便于本单位管理员联系本人。', verbose_name='联系电话'),
        ),
    ]
