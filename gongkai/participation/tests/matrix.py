"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): a unit's consultations
(draft, open, closed), comments, invitations, decision catalog and entries, hearings, activities, meetings."""

import datetime as dt

from django.utils import timezone

from gongkai.participation.factories import (
    CommentFactory,
    ConsultationFactory,
    DecisionCatalogFactory,
    DecisionEntryFactory,
    EventFactory,
    HearingFactory,
    MeetingFactory,
)
from gongkai.participation.models import (
    Comment,
    Consultation,
    DecisionCatalog,
    DecisionEntry,
    Event,
    Hearing,
    Invitation,
    Meeting,
    PublishState,
    Registration,
)


def fillers(unit) -> dict:
    org, name = unit.org, unit.org.name
    today = timezone.localdate()
    draft = ConsultationFactory(organization=org, title=f"{name}未发布的征求意见", state=PublishState.DRAFT)
    running = ConsultationFactory(organization=org, enterprise_related=True)
    closed = ConsultationFactory(organization=org, opens_on=today - dt.timedelta(days=60),
                                 closes_on=today - dt.timedelta(days=30))
    comments = [CommentFactory(consultation=running), CommentFactory(consultation=closed)]
    invitation = Invitation.objects.create(consultation=running, name=f"{name}邀请的企业", invited_on=today)
    catalog = DecisionCatalogFactory(organization=org)
    entry = DecisionEntryFactory(catalog=catalog, status=DecisionEntry.Status.DECIDED)
    hearing = HearingFactory(organization=org, state=PublishState.DRAFT, title=f"{name}未发布的听证会")
    activity = EventFactory(organization=org)
    Registration.objects.create(event=activity, name="报名人", phone="13900000000")
    meeting = MeetingFactory(organization=org, state=PublishState.DRAFT)
    return {"consultation_id": [draft.pk, running.pk, closed.pk], "opinion_id": [c.pk for c in comments],
            "invitation_id": [invitation.pk], "decision_catalog_id": [catalog.pk], "decision_entry_id": [entry.pk],
            "hearing_id": [hearing.pk], "activity_id": [activity.pk], "meeting_id": [meeting.pk]}


def snapshot(unit) -> dict:
    org = unit.org
    return {
        "consultations": list(Consultation.objects.filter(organization=org).order_by("pk").values()),
        "comments": list(Comment.objects.filter(consultation__organization=org).order_by("pk").values(
            "pk", "state", "topic", "adoption", "adoption_reason", "moderation_note")),
        "invitations": list(Invitation.objects.filter(consultation__organization=org).order_by("pk").values()),
        "catalogs": list(DecisionCatalog.objects.filter(organization=org).order_by("pk").values()),
        "entries": list(DecisionEntry.objects.filter(catalog__organization=org).order_by("pk").values()),
        "hearings": list(Hearing.objects.filter(organization=org).order_by("pk").values()),
        "events": list(Event.objects.filter(organization=org).order_by("pk").values()),
        "meetings": list(Meeting.objects.filter(organization=org).order_by("pk").values()),
    }
