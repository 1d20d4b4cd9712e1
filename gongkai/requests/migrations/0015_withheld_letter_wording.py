"""A unit's own copy of a 不予公开 答复书 that kept the built-in sentence 「根据《条例》{依据条款}和第三十六条第（三）项
的规定」 now says 「根据{不予公开依据}的规定」: with a basis outside the 条例 (行政查询事项) the old sentence put the
other law after the 条例's name. A copy worded otherwise is left alone (issuing checks it, services.replies)."""

from django.db import migrations

OLD = "根据《中华人民共和国政府信息公开条例》{依据条款}和第三十六条第（三）项的规定"
NEW = "根据{不予公开依据}的规定"


def reword(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for template in LetterTemplate.objects.filter(key__startswith="requests.reply.withheld_", body__contains=OLD):
        template.body = template.body.replace(OLD, NEW)
        template.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0014_withholding_law"),
        ("letters", "0002_unit_seal_image"),
    ]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
