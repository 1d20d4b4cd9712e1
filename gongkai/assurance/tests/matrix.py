"""Assurance's staff URL kwargs for the permission matrix: a 回头看 campaign of unit B's own (B as organiser,
so every page of it is B's), its checklist item and B's sheet; an assessment B runs with a 加减分; a
training session of B with a material and an attendee; B's 负面清单 entry, an error term and a leader."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.assurance.models import (
    Answer,
    Assessment,
    Attendance,
    Campaign,
    CampaignItem,
    ChecklistItem,
    ErrorTerm,
    Leader,
    ManualItem,
    NegativeEntry,
    Response,
    TrainingSession,
)
from gongkai.assurance.services import training

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fillers(unit) -> dict[str, list[int]]:
    org = unit.org
    checklist = ChecklistItem.objects.create(organization=org, text=f"{org.name}自查事项", source="条例第二十条")
    campaign = Campaign.objects.create(organization=org, title=f"{org.name}回头看", year=2026,
                                       due_on=dt.date(2026, 12, 20), state=Campaign.State.OPEN)
    campaign.units.set([org])
    item = CampaignItem.objects.create(campaign=campaign, text=checklist.text, source=checklist.source, position=1)
    response = Response.objects.create(campaign=campaign, organization=org, state=Response.State.SUBMITTED)
    Answer.objects.create(response=response, item=item, status=Answer.Status.PARTIAL, explanation="整改中")
    assessment = Assessment.objects.create(organization=org, year=2026, title=f"{org.name}绩效考核")
    manual = ManualItem.objects.create(assessment=assessment, organization=org, points=2, reason="加分")
    session = TrainingSession.objects.create(organization=org, held_on=dt.date(2026, 5, 1), topic=f"{org.name}培训",
                                             level=TrainingSession.Level.DEPARTMENT, trainer="讲师")
    material = training.add_material(unit.org_admin, session, SimpleUploadedFile("课件.pdf", PDF))
    attendance = Attendance.objects.create(session=session, organization=org, name="参训人")
    entry = NegativeEntry.objects.create(organization=org, title=f"{org.name}清单条目", basis="art14_secret")
    term = ErrorTerm.objects.create(kind=ErrorTerm.Kind.SENSITIVE, text=f"{org.name}敏感词", source="测试")
    leader = Leader.objects.create(name=f"{org.name[:2]}某", post="副县长")
    return {"checklist_item_id": [checklist.pk], "selfcheck_id": [campaign.pk], "sheet_id": [response.pk],
            "assessment_id": [assessment.pk], "manual_item_id": [manual.pk], "training_id": [session.pk],
            "training_material_id": [material.pk], "training_attendance_id": [attendance.pk], "negative_id": [entry.pk],
            "error_term_id": [term.pk], "leader_id": [leader.pk]}


def snapshot(unit) -> dict:
    org = unit.org
    campaigns = Campaign.objects.filter(organization=org)
    return {
        "checklist": list(ChecklistItem.objects.filter(organization=org).order_by("pk").values()),
        "campaigns": list(campaigns.order_by("pk").values()),
        "responses": list(Response.objects.filter(campaign__in=campaigns).order_by("pk").values()),
        "answers": list(Answer.objects.filter(response__campaign__in=campaigns).order_by("pk").values()),
        "assessments": list(Assessment.objects.filter(organization=org).order_by("pk").values()),
        "manual": list(ManualItem.objects.filter(organization=org).order_by("pk").values()),
        "sessions": list(TrainingSession.objects.filter(organization=org).order_by("pk").values()),
        "attendance": list(Attendance.objects.filter(organization=org).order_by("pk").values()),
        "negative": list(NegativeEntry.objects.filter(organization=org).order_by("pk").values()),
        "terms": list(ErrorTerm.objects.filter(text__startswith=org.name).order_by("pk").values()),
        "leaders": list(Leader.objects.filter(name__startswith=org.name[:2]).order_by("pk").values()),
    }
