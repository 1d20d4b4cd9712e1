"""专题 staff URL kwargs for the permission matrix: a 专题 kept by unit B (as if B were the 政务公开办) and
open to B only, its sub-column, and B's 稿件 of one of its items."""

from gongkai.topics.models import Column, Submission, Topic


def fillers(unit) -> dict[str, list[int]]:
    topic = Topic.objects.create(organization=unit.org, title=f"{unit.org.name}专题", slug=f"t{unit.org.pk}")
    topic.units.set([unit.org])
    column = Column.objects.create(topic=topic, name="工作动态")
    item = next(iter(unit.items.values()))
    from django.utils import timezone

    submission = Submission.objects.create(column=column, item=item, organization=unit.org,
                                           submitted_by=unit.editor, submitted_at=timezone.now())
    return {"topic_id": [topic.pk], "column_id": [column.pk], "submission_id": [submission.pk]}


def snapshot(unit) -> dict:
    topics = Topic.objects.filter(organization=unit.org)
    return {
        "topics": list(topics.order_by("pk").values()),
        "columns": list(Column.objects.filter(topic__in=topics).order_by("pk").values()),
        "submissions": list(Submission.objects.filter(organization=unit.org).order_by("pk").values()),
    }
