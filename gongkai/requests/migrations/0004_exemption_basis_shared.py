"""The 不予公开 bases become the one enumeration of gongkai.core.exemptions (issue #18 item 14).

Stored values were the article alone (art14, art15, art16_1, art16_2, other); they become the ground:
- art15 -> art15_third_party, art16_1 -> art16_internal, other stays other (one ground each);
- a case's own basis (withholding_article) is the ground of its outcome (不予公开-属于国家秘密 ->
  art14_secret, …), which is what the annual report already counted it as;
- a withheld part of a 部分公开 (or a case whose outcome does not decide) with art14 or art16_2 is read
  from its words: 国家秘密/涉密/保密/密级 -> art14_secret, 安全/稳定 -> art14_security, otherwise
  art14_law; 执法/案卷/处罚 -> art16_enforcement, otherwise art16_process.
Reversing keeps the article only.
"""

from django.db import migrations, models

ONE_GROUND = {"art15": "art15_third_party", "art16_1": "art16_internal", "other": "other"}
OUTCOME_GROUND = {
    "不予公开-属于国家秘密": "art14_secret",
    "不予公开-其他法律行政法规禁止公开": "art14_law",
    "不予公开-危及“三安全一稳定”": "art14_security",
    "不予公开-保护第三方合法权益": "art15_third_party",
    "不予公开-属于三类内部事务信息": "art16_internal",
    "不予公开-属于四类过程性信息": "art16_process",
    "不予公开-属于行政执法案卷": "art16_enforcement",
    "不予公开-属于行政查询事项": "other",
}
ARTICLE = {"art14_secret": "art14", "art14_law": "art14", "art14_security": "art14",
           "art15_third_party": "art15", "art16_internal": "art16_1", "art16_process": "art16_2",
           "art16_enforcement": "art16_2", "other": "other"}


def ground(article: str, outcome: str, words: str) -> str:
    if article in ONE_GROUND:
        return ONE_GROUND[article]
    by_outcome = OUTCOME_GROUND.get(outcome)
    if by_outcome and ARTICLE[by_outcome] == article:
        return by_outcome
    if article == "art14":
        if any(word in words for word in ("国家秘密", "涉密", "保密", "密级")):
            return "art14_secret"
        return "art14_security" if any(word in words for word in ("安全", "稳定")) else "art14_law"
    if article == "art16_2":
        return "art16_enforcement" if any(word in words for word in ("执法", "案卷", "处罚")) else "art16_process"
    return article


def forwards(apps, schema_editor):
    RequestCase = apps.get_model("requests", "RequestCase")
    WithheldPart = apps.get_model("requests", "WithheldPart")
    for case in RequestCase.objects.exclude(withholding_article="").only("withholding_article", "outcome",
                                                                         "withholding_reason"):
        case.withholding_article = ground(case.withholding_article, case.outcome, case.withholding_reason)
        case.save(update_fields=["withholding_article"])
    for part in WithheldPart.objects.all():
        part.article = ground(part.article, "", f"{part.description} {part.reason}")
        part.save(update_fields=["article"])


def backwards(apps, schema_editor):
    RequestCase = apps.get_model("requests", "RequestCase")
    WithheldPart = apps.get_model("requests", "WithheldPart")
    for case in RequestCase.objects.exclude(withholding_article=""):
        case.withholding_article = ARTICLE.get(case.withholding_article, case.withholding_article)
        case.save(update_fields=["withholding_article"])
    for part in WithheldPart.objects.all():
        part.article = ARTICLE.get(part.article, part.article)
        part.save(update_fields=["article"])


class Migration(migrations.Migration):

    dependencies = [
        ('requests', '0003_withdrawal_delayed_reply_transfer_link'),
    ]

    operations = [
        migrations.AlterField(
            model_name='requestcase',
            name='withholding_article',
            field=models.CharField(blank=True, choices=[('art14_secret', '第十四条：依法确定为国家秘密'), ('art14_law', '第十四条：法律、行政法规禁止公开'), ('art14_security', '第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定'), ('art15_third_party', '第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益'), ('art16_internal', '第十六条第一款：内部事务信息'), ('art16_process', '第十六条第二款：过程性信息'), ('art16_enforcement', '第十六条第二款：行政执法案卷信息'), ('other', '其他法律、行政法规')], max_length=24, verbose_name='不予公开的依据条款'),
        ),
        migrations.AlterField(
            model_name='withheldpart',
            name='article',
            field=models.CharField(choices=[('art14_secret', '第十四条：依法确定为国家秘密'), ('art14_law', '第十四条：法律、行政法规禁止公开'), ('art14_security', '第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定'), ('art15_third_party', '第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益'), ('art16_internal', '第十六条第一款：内部事务信息'), ('art16_process', '第十六条第二款：过程性信息'), ('art16_enforcement', '第十六条第二款：行政执法案卷信息'), ('other', '其他法律、行政法规')], max_length=24, verbose_name='依据条款'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
