"""What the public register, the API, search and the home panel show (auditD): the reason a 复文 is not
published is checked as the register's title is, every public title goes through services.public_text, and
each change the register shows removes its stored page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.proposals import services
from gongkai.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def registered(keeper, unit, number=1):
    return services.register(keeper, {"year": 2026, "kind": "suggestion", "number": number, "title": "关于道路的建议",
                                      "proposers": "张某某等3名代表", "lead_unit": unit,
                                      "assigned_on": dt.date(2026, 3, 20)})


def replied(keeper, unit, unit_editor, number=1):
    proposal = registered(keeper, unit, number)
    return services.reply(unit_editor, proposal, {"reply": "<p>已办理。</p>", "replied_on": dt.date(2026, 4, 1),
                                                  "classification": "A"})


@pytest.mark.parametrize(("reason", "message"), [
    ("涉及个人隐私（张三，13812345678）", "手机号码"),
    ("涉及张三（370323199001011234）的个人信息", "身份证号码"),
    ("涉及个人隐私\x1b[31m", "控制字符"),
    ("涉" * 301, "不能超过300个字"),
])
def test_a_withholding_reason_that_the_register_would_publish_wrongly_is_refused(
        keeper, unit, unit_editor, unit_reviewer, reason, message):
    proposal = replied(keeper, unit, unit_editor)
    with pytest.raises(ActionRefused, match=message):
        services.withhold_reply(unit_reviewer, proposal, reason)
    proposal.refresh_from_db()
    assert proposal.disclosure == Proposal.Disclosure.UNDECIDED and proposal.withheld_reason == ""


def test_the_withhold_form_shows_the_refusal_in_chinese(client, keeper, unit, unit_editor, unit_reviewer):
    proposal = replied(keeper, unit, unit_editor)
    client.force_login(unit_reviewer)
    response = client.post(reverse("proposals_staff:withhold", kwargs={"proposal_id": proposal.pk}),
                           {"reason": "涉及张三13812345678的隐私"})
    assert response.status_code == 200 and "不得包含个人手机号码" in response.content.decode()


def test_rows_stored_earlier_show_no_number_in_the_register_the_api_search_or_the_home_panel(
        client, keeper, unit, unit_editor, unit_reviewer):
    public = replied(keeper, unit, unit_editor, 1)
    services.publish_reply(unit_reviewer, public)
    withheld = replied(keeper, unit, unit_editor, 2)
    services.withhold_reply(unit_reviewer, withheld, "涉及个人隐私")
    Proposal.objects.filter(pk=public.pk).update(title="关于张三13812345678反映道路的建议")
    Proposal.objects.filter(pk=withheld.pk).update(withheld_reason="涉及李四（13987654321）的隐私")
    pages = {
        "register": client.get(reverse("proposals:year", kwargs={"year": 2026})).content.decode(),
        "api": client.get("/api/v1/proposals?year=2026").content.decode(),
        "home": client.get(reverse("portal:home")).content.decode(),
    }
    for name, page in pages.items():
        assert "13812345678" not in page and "13987654321" not in page, name
    assert "138****5678" in pages["register"] and "139****4321" in pages["register"]
    assert "138****5678" in pages["api"]
    assert [r.title for r in services.search_replies(["道路"])] == ["关于张三138****5678反映道路的建议"]


def test_each_change_the_register_shows_removes_its_stored_page(
        client, keeper, unit, unit_editor, unit_reviewer, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    first = registered(keeper, unit, 1)
    url = reverse("proposals:year", kwargs={"year": 2026})

    def stored():
        return [path for path in (tmp_path / "pages").rglob("index.html") if "jyta" in str(path)]

    steps = [
        lambda: services.register(keeper, {"year": 2026, "kind": "suggestion", "number": 2, "title": "关于桥梁的建议",
                                           "proposers": "王某某", "lead_unit": unit,
                                           "assigned_on": dt.date(2026, 3, 20)}),
        lambda: services.reply(unit_editor, first, {"reply": "<p>已办理。</p>", "replied_on": dt.date(2026, 4, 1),
                                                    "classification": "B"}),
        lambda: services.withhold_reply(unit_reviewer, first, "涉及正在研究的事项"),
    ]
    for step in steps:
        client.get(url)
        assert stored()
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert not stored()
    page = client.get(url).content.decode()
    assert "关于桥梁的建议" in page and "涉及正在研究的事项" in page


def test_a_refused_import_is_in_the_audit_log_with_its_reason(client, keeper, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.audit.labels import action_label
    from gongkai.audit.models import AuditEvent
    from gongkai.proposals.tests.test_proposals import HEADER, row, xlsx

    client.force_login(keeper)
    bad = xlsx([HEADER, row(1), row(1)])  # the same number twice
    response = client.post(reverse("proposals_staff:import"), {"year": 2026, "file": SimpleUploadedFile("清单.xlsx", bad)})
    assert response.status_code == 200 and not Proposal.objects.exists()
    client.post(reverse("proposals_staff:import"), {"year": 2026, "file": SimpleUploadedFile("空.csv", b"\xef\xbb\xbf")})
    refused = list(AuditEvent.objects.filter(action="proposal.import_refused").order_by("id"))
    assert [event.actor_id for event in refused] == [keeper.pk, keeper.pk]
    assert "1 处错误" in refused[0].note and refused[1].note
    assert action_label("proposal.import_refused") == "导入建议提案交办清单未成功"
