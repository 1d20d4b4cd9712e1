"""通报: a numbered 公文 (DOCX and PDF) listing the open problems by unit; optionally into publishing."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.inspection import engine, services
from gongkai.inspection.models import Finding, FindingEvent
from gongkai.inspection.tests.site import clear
from gongkai.publishing.choices import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def problems(site):
    clear(site.node(site.township, "art20.7"))
    site.department.office_web = ""
    site.department.save()
    engine.run()
    return site


def data(**extra):
    from django.utils import timezone

    return services.notice_defaults(timezone.localdate()) | {"prefix": "测政公开通"} | extra


def test_a_notice_lists_the_problems_by_unit_as_docx_and_pdf(problems):
    site = problems
    notice = services.issue_notice(site.supervisor, site.government, data())
    assert notice.document.doc_number.startswith("测政公开通〔") and notice.findings.count() == 2
    docx = Document(io.BytesIO(notice.document.docx.open("rb").read()))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert notice.title in text.replace("\n", "") and "三、整改要求" in text  # (a long title takes two lines)
    assert "测试县教育和体育局" in cells and "测试县东里镇人民政府" in cells
    assert any("互联网联系方式" in c for c in cells) and any("财政预决算" in c for c in cells)
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(notice.document.pdf.open("rb").read())).pages)
    assert "存在的问题" in pdf
    assert FindingEvent.objects.filter(kind=FindingEvent.Kind.NOTIFIED).count() == 2


def test_only_the_supervisor_issues_and_only_when_there_is_something_to_report(problems):
    site = problems
    with pytest.raises(ActionRefused, match="只有政务公开办"):
        services.issue_notice(user_with_role(site.department, Role.ORG_ADMIN), site.department, data())
    with pytest.raises(ActionRefused, match="请填写"):
        services.issue_notice(site.supervisor, site.government, data(title=""))
    Finding.objects.update(state=Finding.State.RESOLVED)
    with pytest.raises(ActionRefused, match="没有待整改的问题"):
        services.issue_notice(site.supervisor, site.government, data())


def test_publishing_a_notice_puts_it_into_the_units_review(problems):
    site = problems
    notice = services.issue_notice(site.supervisor, site.government, data())
    with pytest.raises(ActionRefused, match="没有信息员岗位"):
        services.publish_notice(site.supervisor, notice)
    # A 政务公开办 staff member who is also an 信息员 of the issuing organization.
    from gongkai.accounts.models import Membership

    Membership.objects.create(user=site.supervisor, organization=site.government, role=Role.EDITOR)
    site.supervisor._gongkai_memberships = None
    site.supervisor._gongkai_roles = None
    item = services.publish_notice(site.supervisor, notice)
    assert item.state == State.SUBMITTED and item.doc_number == notice.document.doc_number
    assert item.attachments.get().original_name.endswith(".pdf")
    assert "<table>" in item.body and "测试县东里镇人民政府" in item.body
    with pytest.raises(ActionRefused, match="已生成公开信息"):
        services.publish_notice(site.supervisor, notice)


def test_the_notice_dates_a_finding_in_the_county_time_zone(problems):
    import datetime as dt

    from gongkai.inspection import notices

    # Found at 03:25 on 4 December in Shanghai: 19:25 on 3 December in UTC.
    Finding.objects.update(first_seen_at=dt.datetime(2026, 12, 3, 19, 25, tzinfo=dt.UTC))
    findings = Finding.objects.select_related("organization")
    assert {row[4] for row in notices.rows(findings)} == {"2026-12-04"}


def test_a_notice_issued_for_a_unit_lists_only_that_units_problems(problems):
    site = problems
    assert {f.organization for f in Finding.objects.all()} == {site.department, site.township}
    notice = services.issue_notice(site.supervisor, site.department, data())
    assert {f.organization for f in notice.findings.all()} == {site.department}
    with pytest.raises(ActionRefused, match="本级及下级"):
        services.issue_notice(site.supervisor, site.department, data(),
                              findings=Finding.objects.filter(organization=site.township))


def test_the_notice_counts_party_organs_apart_from_the_units_it_assesses(problems, client):
    """「本次共检查N个单位，合格…，不合格…」 counted a 党委工作机关 among the 合格 units although the assessment does
    not rank it (services.ranked_ids): the 通报 now says how many units were checked, how many of them it
    assesses, and how many 党委工作机关 were checked without being ranked; the form shows the same sentence."""
    from django.urls import reverse

    from gongkai.inspection.models import Run, Score
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    site = problems
    party = OrganizationFactory(parent=site.government, kind=Organization.Kind.PARTY, name="中共测试县委组织部",
                                short_name="县委组织部")
    run = Run.objects.latest("finished_at")
    Score.objects.create(run=run, organization=party, score=40, qualified=False, findings=3)
    checked = Score.objects.filter(run=run).count()
    expected = (f"本次共检查{checked}个单位，其中参加考核排名的{checked - 1}个单位合格{checked - 1}个，不合格0个；"
                "党委工作机关1个不参加考核排名，其问题同样列入问题清单。")
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:notice_create")).content.decode()
    assert expected in html
    notice = services.issue_notice(site.supervisor, site.government, data())
    docx = Document(io.BytesIO(notice.document.docx.open("rb").read()))
    text = "".join(p.text for p in docx.paragraphs)
    assert expected in text and "不合格单位" not in text
