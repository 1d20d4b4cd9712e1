import re

from django.db import migrations, models

# The parser's reading of an 事后限期 phrase, frozen here as it was when event_day_kind was added
# (gongkai.workplan.deadlines._EVENT and cn_number): later changes to the live parser must not change what
# this migration did. The phrase is `<event label>后<N><unit>内`; the number and unit are the last match.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９（）：", "0123456789()：")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EVENT = re.compile(r"后(\d{1,2}|[一二三四五六七八九十]{1,3})(个?工作日|个?日|天)(?:内|以内)")


def _number(text):
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(text)


def read_working_days(phrase):
    """The number of working days the phrase states, or None when its days are not working days (its
    last 「后N…内」 counts 日/天) or it cannot be read. An event label holding 工作日 (「每个工作日结束后3日内」)
    does not count: only the unit after the number does."""
    text = re.sub(r"\s+", "", (phrase or "").translate(_FULL_WIDTH))
    found = list(_EVENT.finditer(text))
    if not found or "工作日" not in found[-1].group(2):
        return None
    try:
        return _number(found[-1].group(1))
    except KeyError:
        return None


def working_days_as_read(apps, schema_editor):
    """事后限期 read earlier from 「…N个工作日内」 were stored as calendar days: working days when their phrase,
    re-read, counts working days and states the days still stored (a deadline the office corrected to another
    number of calendar days through confirm_deadline keeps its old phrase and stays calendar)."""
    Deadline = apps.get_model("workplan", "Deadline")
    candidates = Deadline.objects.filter(kind="event", phrase__contains="工作日").only("pk", "phrase", "event_days")
    working = [deadline.pk for deadline in candidates
               if deadline.event_days and read_working_days(deadline.phrase) == deadline.event_days]
    Deadline.objects.filter(pk__in=working).update(event_day_kind="working")


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
