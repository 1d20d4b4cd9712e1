"""The work plan's staff URL kwargs for the permission matrix (gongkai/workbench/tests/test_permission_matrix.py):
a plan issued by unit B, a requirement B is responsible for, a deadline, a report of B with a file."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.workplan import services
from gongkai.workplan.choices import DeadlineKind, DeadlineSource, Progress, Role
from gongkai.workplan.models import Deadline, Evidence, Plan, ProgressReport, Responsibility, Task

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fillers(unit) -> dict[str, list[int]]:
    plan = Plan.objects.create(organization=unit.org, title=f"{unit.org.name}工作要点", year=2020, is_public=False)
    parent = Task.objects.create(plan=plan, text="一、公开工作", position=10)
    task = Task.objects.create(plan=plan, parent=parent, text="公开本单位预决算", position=20)
    Responsibility.objects.create(task=task, organization=unit.org, role=Role.LEAD)
    deadline = Deadline.objects.create(task=task, kind=DeadlineKind.ONCE, due_on=dt.date(2020, 12, 31),
                                       phrase="年底前", source=DeadlineSource.PARSED)
    report = services.submit_report(unit.editor, task, unit.org,
                                    {"text": "已公开", "percent": 100, "status": Progress.DONE},
                                    files=[SimpleUploadedFile("佐证.pdf", PDF)])
    return {
        "plan_id": [plan.pk], "task_id": [parent.pk, task.pk], "deadline_id": [deadline.pk],
        "report_id": [report.pk], "evidence_id": list(Evidence.objects.filter(report=report).values_list("pk", flat=True)),
    }


def snapshot(unit) -> dict:
    plans = Plan.objects.filter(organization=unit.org)
    return {
        "plans": list(plans.order_by("pk").values()),
        "tasks": list(Task.objects.filter(plan__in=plans).order_by("pk").values()),
        "responsibilities": list(Responsibility.objects.filter(task__plan__in=plans).order_by("pk").values()),
        "deadlines": list(Deadline.objects.filter(task__plan__in=plans).order_by("pk").values()),
        "reports": list(ProgressReport.objects.filter(organization=unit.org).order_by("pk").values()),
    }
