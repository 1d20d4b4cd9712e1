"""Migration 0005 marks as working days only the 事后限期 whose phrase, re-read, counts working days and
states the days still stored: not an event label holding 工作日, not a deadline corrected to other days."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.organizations.factories import OrganizationFactory
from gongkai.workplan.models import Deadline

MIGRATION = import_module("gongkai.workplan.migrations.0005_event_day_kind")
BEFORE, AFTER = ("workplan", "0004_field_verbose_names"), ("workplan", "0005_event_day_kind")


@pytest.mark.parametrize("phrase, days", [
    ("收到通知后15个工作日内", 15), ("收到通知后十五个工作日内", 15), ("收到通知后 ５ 个工作日以内", 5),
    ("每个工作日结束后3日内", None), ("办理完结后3日内", None), ("工作日", None), ("", None),
])
def test_the_frozen_reading(phrase, days):
    assert MIGRATION.read_working_days(phrase) == days


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_only_working_day_phrases():
    org = OrganizationFactory(name="测试县人民政府")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    Plan, Task, OldDeadline = (old.get_model("workplan", name) for name in ("Plan", "Task", "Deadline"))
    plan = Plan.objects.create(organization_id=org.pk, title="2020年政务公开工作要点", year=2020)
    task = Task.objects.create(plan=plan, text="收到通知后15个工作日内完成")

    def event(phrase, days, label):
        return OldDeadline.objects.create(task=task, kind="event", event_days=days, event_label=label,
                                          phrase=phrase, source="parsed").pk

    working = event("收到通知后15个工作日内", 15, "收到通知")
    label_only = event("每个工作日结束后3日内", 3, "每个工作日结束")
    corrected = event("收到通知后15个工作日内", 20, "收到通知")  # confirm_deadline set 20 calendar days
    calendar = event("办理完结后3日内", 3, "办理完结")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([AFTER])
        kinds = dict(Deadline.objects.values_list("pk", "event_day_kind"))
        assert kinds == {working: "working", label_only: "calendar", corrected: "calendar", calendar: "calendar"}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
