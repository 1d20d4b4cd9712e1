"""The quarterly push: contents per quarter and industry, review and sending, who pushed, the inspection
finding and 我的待办."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.policies import services
from gongkai.policies.factories import enterprise_policy
from gongkai.policies.models import Digest
from gongkai.policies.quarters import Quarter

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=TZ)


@pytest.fixture
def quarter_policies(unit, unit_editor, unit_reviewer, other_org):
    editor, reviewer = user_with_role(other_org, Role.EDITOR), user_with_role(other_org, Role.REVIEWER)

    def make(title, published, ends_on, industries=(), organization=unit, who=(unit_editor, unit_reviewer)):
        return enterprise_policy(organization, *who, title=title, published_at=at(published), industries=industries,
                                 starts_on=dt.date.fromisoformat(published), ends_on=dt.date.fromisoformat(ends_on))

    return {
        "q1_open": make("一季度出台、跨季度申报", "2026-02-10", "2026-08-31", ["C"]),
        "q1_closed": make("一季度出台、三月截止", "2026-01-20", "2026-03-31", ["F"]),
        "q1_ends_mid_q2": make("一季度出台、五月截止", "2026-03-02", "2026-05-31", ["A"]),
        "q2_new": make("二季度新出台", "2026-04-15", "2026-05-10", ["I", "M"]),
        "other_unit": make("其他单位的政策", "2026-04-20", "2026-12-31", [], other_org, (editor, reviewer)),
    }


@pytest.fixture
def july_3(monkeypatch):
    """The site's clock on 2026-07-03, when the second quarter's digest is compiled and sent."""
    monkeypatch.setattr(timezone, "now", lambda: at("2026-07-03"))


def test_digest_contents_per_quarter(quarter_policies, unit):
    new, still_open = services.quarter_contents(unit.pk, Q1, dt.date(2026, 4, 3))
    assert [p.item.title for p in new] == ["一季度出台、三月截止", "一季度出台、跨季度申报", "一季度出台、五月截止"]
    assert still_open == []

    new, still_open = services.quarter_contents(unit.pk, Q2, dt.date(2026, 7, 3))
    # New in Q2 even though it closed before the quarter's end; still open: windows open on the day of the push.
    assert [p.item.title for p in new] == ["二季度新出台"]
    assert [p.item.title for p in still_open] == ["一季度出台、跨季度申报"]


def test_still_open_means_open_on_the_day_of_the_push(quarter_policies, unit, unit_editor, unit_reviewer):
    # Q2 compiled late, on 5 September: 「一季度出台、跨季度申报」 closed on 31 August, after the quarter's end.
    digest = services.compile_digest(unit_editor, unit, Q2, today=dt.date(2026, 9, 5))
    assert [(e.policy.item.title, e.section) for e in digest.entries.all()] == [("二季度新出台", "new")]
    assert services.expected_units(Q2, [unit.pk], on=dt.date(2026, 9, 5)) == {unit.pk: 1}


def test_a_draft_sent_after_a_deadline_leaves_that_policy_out(monkeypatch, quarter_policies, unit, unit_editor,
                                                             unit_reviewer):
    digest = services.compile_digest(unit_editor, unit, Q2, today=dt.date(2026, 7, 3))
    assert digest.entries.count() == 2
    monkeypatch.setattr(timezone, "now", lambda: at("2026-09-05"))  # sent only after the 31 August deadline
    digest = services.send_digest(unit_reviewer, digest, url="https://example.cn/qyzc/tuisong/1/")
    new, still_open = services.digest_policies(digest)
    assert [p.item.title for p in new] == ["二季度新出台"] and still_open == []


def test_a_repealed_policy_is_pushed_in_neither_section(quarter_policies, unit):
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk__in=[quarter_policies["q1_open"].item_id, quarter_policies["q2_new"].item_id]
                                   ).update(validity="repealed")
    assert services.quarter_contents(unit.pk, Q2, dt.date(2026, 7, 3)) == ([], [])
    assert services.expected_units(Q2, [unit.pk], on=dt.date(2026, 7, 3)) == {}


def test_digest_industries(quarter_policies, unit):
    new, still_open = services.quarter_contents(unit.pk, Q2, dt.date(2026, 7, 3))
    assert services.digest_industries([*new, *still_open]) == ["C", "I", "M"]
    assert services.digest_industries([quarter_policies["other_unit"], *new]) is None  # one applies to all


def test_the_unit_compiles_reviews_and_sends(client, quarter_policies, unit, unit_editor, unit_reviewer, settings,
                                             july_3):
    digest = services.compile_digest(unit_editor, unit, Q2, "本季度重点：技术改造。", today=dt.date(2026, 7, 3))
    assert [e.policy.item.title for e in digest.entries.all()] == ["二季度新出台", "一季度出台、跨季度申报"]

    with pytest.raises(ActionRefused):  # the 信息员 compiles, the 审核员 sends
        services.send_digest(unit_editor, digest, url="https://example.cn/qyzc/tuisong/1/")

    client.force_login(unit_reviewer)
    page = client.get(reverse("policies_staff:digest", kwargs={"digest_id": digest.pk})).content.decode()
    assert "本季度重点：技术改造。" in page and "二季度新出台" in page
    response = client.post(reverse("policies_staff:digest_send", kwargs={"digest_id": digest.pk}))
    assert response.status_code == 302
    digest.refresh_from_db()
    assert digest.state == Digest.State.SENT and digest.sent_by == unit_reviewer
    assert digest.recipients == 0  # gongkai.subscriptions is installed; nobody has subscribed here
    assert digest.industries_code == "C,I,M"
    assert AuditEvent.objects.filter(action="policy_digest.send", organization=unit).exists()

    with pytest.raises(ActionRefused):
        services.send_digest(unit_reviewer, digest, url="https://example.cn/")
    with pytest.raises(ActionRefused):
        services.compile_digest(unit_editor, unit, Q2)

    public = client.get(reverse("policies:digest", kwargs={"digest_id": digest.pk})).content.decode()
    assert "二季度新出台" in public
    pdf = client.get(reverse("policies:digest_pdf", kwargs={"digest_id": digest.pk}))
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "二季度新出台" in text and "一季度出台、跨季度申报" in text and "三月截止" not in text


def test_an_unsent_digest_is_not_public(client, quarter_policies, unit, unit_editor):
    digest = services.compile_digest(unit_editor, unit, Q2, today=dt.date(2026, 7, 3))
    assert client.get(reverse("policies:digest", kwargs={"digest_id": digest.pk})).status_code == 404


def test_sending_goes_through_the_subscriptions_interface(quarter_policies, unit, unit_editor, unit_reviewer,
                                                          monkeypatch, july_3):
    """The digest goes out through subscriptions.announce (its real delivery: tests/browser/test_policies.py)."""
    calls = []

    def announce(kind, key, *, subject, text, html, url, industries=None, attachments=(), organization=None):
        calls.append({"kind": kind, "key": key, "subject": subject, "text": text, "html": html, "url": url,
                      "industries": industries, "attachments": attachments, "organization": organization})
        return 3

    monkeypatch.setattr("gongkai.subscriptions.services.announce", announce)

    digest = services.compile_digest(unit_editor, unit, Q2, today=dt.date(2026, 7, 3))
    digest = services.send_digest(unit_reviewer, digest, url="https://gk.example.cn/qyzc/tuisong/9/")
    assert digest.recipients == 3
    [call] = calls
    assert call["kind"] == "enterprise_policies" and call["key"] == str(unit.pk)
    assert call["organization"] == unit.pk  # only the subscribers of the sites that show the unit
    assert call["industries"] == ["C", "I", "M"]
    assert "2026年第2季度" in call["subject"] and unit.name in call["subject"]
    assert "二季度新出台" in call["text"] and "二季度新出台" in call["html"] and "一季度出台、跨季度申报" in call["html"]
    assert "一季度出台、三月截止" not in call["html"]
    assert "https://gk.example.cn/qyzc/" in call["html"]  # links in the mail are absolute
    [(name, content, mimetype)] = call["attachments"]
    assert name.endswith(".pdf") and mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_the_supervisor_sees_who_pushed_and_the_missing_push_is_a_finding(
        client, county, supervisor, unit, unit_editor, unit_reviewer, quarter_policies, monkeypatch):
    from gongkai.inspection.rules.base import Context
    from gongkai.inspection.rules.enterprise import PolicyPushMissing

    today = dt.date(2026, 7, 20)
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: today if value is None else
                        value.astimezone(TZ).date())
    digest = services.compile_digest(unit_editor, unit, Q1, today=today)
    services.send_digest(unit_reviewer, digest, url="https://example.cn/")

    hits = list(PolicyPushMissing().check(Context(today=today, organization_ids={unit.pk, county.pk})))
    assert [(hit.organization_id, hit.subject) for hit in hits] == [(unit.pk, "quarter:2026-2")]
    assert "2026年第2季度" in str(hits[0].title)

    client.force_login(supervisor)
    page = client.get(reverse("policies_staff:board")).content.decode()
    assert unit.name in page and "已推送" in page and "未推送" in page
    client.force_login(unit_editor)
    assert client.get(reverse("policies_staff:board")).status_code == 403


def test_my_todo_lists_the_last_quarters_push(client, unit, unit_editor, unit_reviewer, monkeypatch):
    today = timezone.localdate()
    last = Quarter.of(today).previous()
    enterprise_policy(unit, unit_editor, unit_reviewer, title="上季度的政策",
                      published_at=dt.datetime.combine(last.first_day, dt.time(10), tzinfo=TZ),
                      starts_on=last.first_day, ends_on=last.last_day)
    client.force_login(unit_reviewer)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "待发送的涉企政策季度推送" in page and f"{last.label}涉企政策推送" in page
    digest = services.compile_digest(unit_editor, unit, last)
    services.send_digest(unit_reviewer, digest, url="https://example.cn/")
    assert "待发送的涉企政策季度推送" not in client.get(reverse("workbench:home")).content.decode()


def test_an_enterprise_subscribes_to_one_units_pushes_or_to_all(client, quarter_policies, unit, other_org, unit_editor,
                                                                unit_reviewer, july_3,
                                                                django_capture_on_commit_callbacks):
    from django.core import mail

    from gongkai.subscriptions.models import Subscription
    from gongkai.subscriptions.services.requesting import request_subscription

    form = client.get(reverse("subscriptions:subscribe", kwargs={"kind": "enterprise_policies"}))
    options = dict(form.context["form"].fields["key"].choices)
    names = list(form.context["form"].fields)
    assert names.index("industries") < names.index("key") < names.index("email")  # what, then where to send
    assert options[str(unit.pk)] == unit.name and options[str(other_org.pk)] == other_org.name
    assert "全部" in str(options[""])

    for n, key in enumerate((str(unit.pk), str(other_org.pk), "")):
        request_subscription(email=f"e{n}@ent.example.cn", kind="enterprise_policies", key=key,
                             enterprise={"name": f"企业{n}", "credit_code": f"91370323MA3C00000{n + 1}",
                                         "industries": ["C"]})
    Subscription.objects.update(status=Subscription.Status.ACTIVE)
    mail.outbox.clear()
    digest = services.compile_digest(unit_editor, unit, Q2)
    with django_capture_on_commit_callbacks(execute=True):
        digest = services.send_digest(unit_reviewer, digest, url="https://example.cn/qyzc/tuisong/1/")
    assert sorted(to for m in mail.outbox for to in m.to) == ["e0@ent.example.cn", "e2@ent.example.cn"]
