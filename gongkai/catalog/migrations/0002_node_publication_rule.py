"""条例第二十六条第二句: a catalog node carries the publication rule of a law that sets its own period.
The built-in 财政预决算 nodes (art20.7) already created take 预算法第十四条 by their organization's kind,
as ensure_catalog gives new ones (catalog.templates_builtin.PUBLICATION_RULES); unit-added nodes below
them take their parent's.
"""

from django.db import migrations, models

BY_KIND = {"government": "budget_law_14_1", "township": "budget_law_14_1",
           "department": "budget_law_14_2", "zone": "budget_law_14_2"}


def forwards(apps, schema_editor):
    CatalogNode = apps.get_model("catalog", "CatalogNode")
    for kind, rule in BY_KIND.items():
        nodes = CatalogNode.objects.filter(template_key="art20.7", organization__kind=kind)
        nodes.update(publication_rule=rule)
        children = CatalogNode.objects.filter(parent__in=nodes.values("pk"), template_key="")
        while children.exists():
            children.update(publication_rule=rule)
            children = CatalogNode.objects.filter(parent__in=children.values("pk"), template_key="")


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='catalognode',
            name='publication_rule',
            field=models.CharField(blank=True, choices=[('budget_law_14_1', '预算法第十四条第一款：本级预算、决算批准后20日内'), ('budget_law_14_2', '预算法第十四条第二款：部门预算、决算批复后20日内')], help_text='法律、法规对公开期限另有规定的，从其规定（条例第二十六条）。选择预算法的期限后，本栏目信息的“形成或变更日期”填预算、决算批准或批复之日。', max_length=24, verbose_name='公开期限'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
