"""Clock-event labels saved already translated become codes (or bare names), translated when shown.

Before: a RECEIVED event's label was the 申请方式 in the language of whoever registered the case
(「网络」 or "Online"), a CONSULTATION's was 「征求第三方意见：某公司」 (or its English), a FEE's was
「等待缴纳信息处理费」. After: the channel code, the party's name, and nothing (ClockEvent.label_display).
The Chinese and English texts are written out here, as they stood, so the migration never depends on
the catalogs of a later day.
"""

from django.db import migrations

CHANNELS = {
    "online": ("网络", "Online"), "in_person": ("当面", "In person"), "post": ("邮寄", "By post"),
    "letter": ("平常信函", "Ordinary letter"), "fax": ("传真", "Fax"), "email": ("电子邮件", "E-mail"),
    "oral": ("口头", "Oral"),
}
CONSULTATION_PREFIXES = ("征求第三方意见：", "征求其他机关意见：", "Consulting a third party：",
                         "Consulting another agency：")
FEE_LABELS = {"等待缴纳信息处理费", "Waiting for the processing fee"}


def forwards(apps, schema_editor):
    ClockEvent = apps.get_model("requests", "ClockEvent")
    by_text = {text: code for code, texts in CHANNELS.items() for text in texts}
    for event in ClockEvent.objects.filter(kind="received").exclude(label__in=list(CHANNELS)):
        if event.label in by_text:
            ClockEvent.objects.filter(pk=event.pk).update(label=by_text[event.label])
    for event in ClockEvent.objects.filter(kind="consultation"):
        for prefix in CONSULTATION_PREFIXES:
            if event.label.startswith(prefix):
                ClockEvent.objects.filter(pk=event.pk).update(label=event.label[len(prefix):])
                break
    ClockEvent.objects.filter(kind="fee", label__in=FEE_LABELS).update(label="")


def backwards(apps, schema_editor):
    ClockEvent = apps.get_model("requests", "ClockEvent")
    for code, (chinese, _english) in CHANNELS.items():
        ClockEvent.objects.filter(kind="received", label=code).update(label=chinese)
    ClockEvent.objects.filter(kind="fee", label="").update(label="等待缴纳信息处理费")


class Migration(migrations.Migration):
    dependencies = [("requests", "0006_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
