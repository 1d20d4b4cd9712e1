"""A unit's own copy of the 收费通知书 that kept the built-in 「本机关按{计收方式}向您收取」 read 「本机关按按量计收向您收取」
once filled (the placeholder is the whole label 按量计收/按件计收). The built-in text now says 「本机关{计收方式}，向您收取」;
copies are brought in line the same way, and any other 「按{计收方式}」 they hold loses its doubled 按."""

from django.db import migrations

OLD = "本机关按{计收方式}向您收取"
NEW = "本机关{计收方式}，向您收取"


def reword(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for template in LetterTemplate.objects.filter(key="requests.fee", body__contains="按{计收方式}"):
        template.body = template.body.replace(OLD, NEW).replace("按{计收方式}", "{计收方式}")
        template.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0018_field_verbose_names"),
        ("letters", "0004_field_verbose_names"),
    ]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
