"""A 修改/废止/替代 dated ahead whose acting document ends first (清理 repeals it, it lapses, another document
repeals it) never takes effect: the acting document has no force left on that day. The sweep skips it, the
skip is audited when the acting document ends, and both pages say so instead of announcing it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import Validity
from gongkai.regulations import campaigns, services
from gongkai.regulations.expiry import enqueue_sweep, sweep
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


def _doc(org, editor, reviewer, number, title, days_ago):
    today = timezone.localdate()
    return normative_document(org, editor, reviewer, title=title, doc_number=f"源政发〔2026〕{number}号",
                              promulgated_on=str(today - dt.timedelta(days=days_ago)),
                              effective_from=str(today - dt.timedelta(days=days_ago)),
                              expires_on=str(today + dt.timedelta(days=900)))


def test_a_scheduled_repeal_lapses_with_its_source_ended_by_cleanup(client, org, editor, reviewer):
    today = timezone.localdate()
    old = _doc(org, editor, reviewer, 1, "沂源县城区养犬管理办法", 400)
    decision = _doc(org, editor, reviewer, 2, "沂源县人民政府关于废止《沂源县城区养犬管理办法》的决定", 5)
    on = today + dt.timedelta(days=60)
    services.repeal(reviewer, decision, old, effective_on=on)
    campaign = campaigns.open_campaign(reviewer, org, "2026年规范性文件清理", [decision])
    campaigns.decide(reviewer, campaign.entries.get(), campaigns.Result.REPEAL, "决定内容已由新办法规定")
    campaigns.close_campaign(user_with_role(org, Role.REVIEWER), campaign, "不涉密", secrecy_checked=True)
    decision.refresh_from_db()
    assert decision.validity == Validity.REPEALED

    skipped = AuditEvent.objects.get(action="regulations.scheduled_not_applied", object_id=str(old.pk))
    assert decision.title in skipped.note and on.isoformat() in skipped.note
    assert enqueue_sweep(on) == 0
    assert sweep(on + dt.timedelta(days=1))["applied"] == []
    old.refresh_from_db()
    assert old.validity == Validity.VALID and not old.events.exists()

    page = client.get(reverse("regulations:detail", kwargs={"document_id": old.pk})).content.decode()
    assert "将于" not in page
    page = client.get(reverse("regulations:detail", kwargs={"document_id": decision.pk})).content.decode()
    assert "原定废止（本文件此前已废止或失效，未执行）" in page


def test_an_ended_document_cannot_act_after_its_end(org, editor, reviewer):
    today = timezone.localdate()
    old = _doc(org, editor, reviewer, 1, "沂源县城区养犬管理办法", 400)
    decision = _doc(org, editor, reviewer, 2, "沂源县人民政府关于废止部分文件的决定", 300)
    newest = _doc(org, editor, reviewer, 3, "沂源县人民政府关于废止《关于废止部分文件的决定》的决定", 10)
    services.repeal(reviewer, newest, decision, effective_on=today - dt.timedelta(days=10))
    with pytest.raises(ActionRefused, match="已废止"):
        services.repeal(reviewer, decision, old, effective_on=today)
    services.repeal(reviewer, decision, old, effective_on=today - dt.timedelta(days=200))  # recorded history
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED
