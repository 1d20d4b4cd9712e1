from gongkai.requests.models.case import RequestCase, RequestPolicy, TrackingSequence, WithheldPart
from gongkai.requests.models.clock import ClockEvent, Consultation, FeeNotice
from gongkai.requests.models.disclosure import DisclosedDocument, DisclosureDownload
from gongkai.requests.models.records import (
    Assignment,
    CaseDocument,
    Deliberation,
    DeliberationOpinion,
    Delivery,
    Filing,
    Remedy,
    Reminder,
    Throttle,
    UsedFormToken,
    VolumeReview,
)

__all__ = [
    "Assignment", "CaseDocument", "ClockEvent", "Consultation", "Deliberation", "DeliberationOpinion", "Delivery",
    "DisclosedDocument", "DisclosureDownload",
    "FeeNotice", "Filing", "Remedy", "Reminder", "RequestCase", "RequestPolicy", "Throttle", "TrackingSequence",
    "UsedFormToken", "VolumeReview", "WithheldPart",
]
