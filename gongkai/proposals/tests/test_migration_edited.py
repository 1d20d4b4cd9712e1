"""Migration 0005: a draft the unit edited before `Summary.edited` existed counts as edited, so regenerating
it asks first instead of overwriting the unit's text; a draft redrafted after its edit, or never edited, does not."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.proposals.models import Summary

BEFORE, AFTER = ("proposals", "0004_summary_edited"), ("proposals", "0005_mark_edited_drafts")


@pytest.mark.django_db(transaction=True)
def test_drafts_edited_before_the_flag_existed_are_marked_edited():
    org = OrganizationFactory(name="测试县教育和体育局")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    OldSummary = old.get_model("proposals", "Summary")

    def summary(year, *actions, state="draft"):
        pk = OldSummary.objects.create(year=year, organization_id=org.pk, body="<p>正文</p>", figures={},
                                       state=state).pk
        for action in actions:
            AuditEvent.objects.create(actor_name="张三", action=action, object_type="proposals.summary",
                                      object_id=str(pk))
        return pk

    edited = summary(2021, "proposal.summary_generate", "proposal.summary_edit")
    redrafted = summary(2022, "proposal.summary_generate", "proposal.summary_edit", "proposal.summary_generate")
    untouched = summary(2023, "proposal.summary_generate")
    published = summary(2024, "proposal.summary_generate", "proposal.summary_edit", state="published")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([AFTER])
        flags = dict(Summary.objects.values_list("pk", "edited"))
        assert flags == {edited: True, redrafted: False, untouched: False, published: False}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
