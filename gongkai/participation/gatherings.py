"""听证会, 列席 meetings and open events (政府开放日、网络问政、电视问政): notices, registration with a
capacity and a closing date (personal data encrypted), and what is published after them (听证笔录, the
follow-up of questions and answers, the year's attendance)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core import typed
from gongkai.core.forms import date_in_range, date_range_message
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.participation.common import catalog_owner_ids, clean_text, refresh_public_pages, require
from gongkai.participation.models import Attendee, Event, Hearing, Meeting, PublishState, Registration
from gongkai.participation.services import MARKUP

HEARING_FIELDS = ("title", "matter", "starts_at", "place", "how_to_register", "registration_closes_on", "capacity", "entry")
EVENT_FIELDS = ("kind", "title", "topic", "starts_at", "place", "capacity", "registration_closes_on")
MEETING_FIELDS = ("kind", "title", "held_on", "topics")
DATE_FIELDS = ("starts_at", "registration_closes_on", "held_on")
# Product rule (no statute sets it): the seats of one hearing or event a county registers online. Far below
# PostgreSQL's integer bound (2147483647), which a typo would otherwise reach.
MAX_CAPACITY = 10000
# As long as the other texts of an event (a 听证会's matter is free text of this size too).
MAX_TOPIC = 2000


def registration_problems(data: dict) -> dict[str, str]:
    """{field: reason} for a hearing's or event's registration: the closing date on or before the day it takes
    place, a capacity of 1 to MAX_CAPACITY (empty: no limit, or no registration). Shown next to the fields by
    the staff forms and refused by the services."""
    problems = {}
    capacity, closes_on, starts_at = data.get("capacity"), data.get("registration_closes_on"), data.get("starts_at")
    if capacity is not None and capacity <= 0:
        problems["capacity"] = _("名额须至少1人；不限名额或不需要报名的活动请留空。")
    elif capacity is not None and capacity > MAX_CAPACITY:
        problems["capacity"] = _("名额不能超过%(n)d人。") % {"n": MAX_CAPACITY}
    if closes_on and starts_at and date_in_range(starts_at) and closes_on > timezone.localdate(starts_at):
        problems["registration_closes_on"] = _("报名截止日期不能晚于活动日期（%(date)s）。") % {
            "date": timezone.localdate(starts_at).isoformat()}
    return problems


def _save(actor, obj, fields, data, action, request):
    require(actor, "participation.manage", obj.organization_id)
    before = snapshot(obj, list(fields)) if obj.pk else {}
    for name in fields:
        if name in data:
            value = data[name]
            if name in DATE_FIELDS and not date_in_range(value):
                raise ActionRefused(date_range_message())
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
    if not obj.title:
        raise ActionRefused(_("请填写名称。"))
    obj.save()
    record(actor, action, obj, organization=obj.organization, before=before, after=snapshot(obj, list(fields)),
           request=request)
    refresh_public_pages()
    return obj


def _refuse_registration_problems(obj, data: dict) -> None:
    """The rules on the values as saved: those given, the others as they are."""
    fields = ("capacity", "registration_closes_on", "starts_at")
    merged = {name: data[name] if name in data else getattr(obj, name, None) for name in fields}
    problems = registration_problems(merged)
    if problems:
        raise ActionRefused(next(iter(problems.values())))


@transaction.atomic
def save_hearing(actor, hearing: Hearing, data: dict, request=None) -> Hearing:
    _refuse_registration_problems(hearing, data)
    entry = data.get("entry")
    if entry is not None and entry.catalog.organization_id not in catalog_owner_ids(hearing.organization):
        raise ActionRefused(_("只能关联本单位或上级政府目录中的重大行政决策事项。"))
    return _save(actor, hearing, HEARING_FIELDS, data, "participation.save_hearing", request)


@transaction.atomic
def save_event(actor, event: Event, data: dict, request=None) -> Event:
    if data.get("capacity") and not data.get("registration_closes_on"):
        raise ActionRefused(_("需要报名的活动请填写报名截止日期。"))
    if len(data.get("topic") or "") > MAX_TOPIC:
        raise ActionRefused(_("活动主题不能超过%(n)d字。") % {"n": MAX_TOPIC})
    _refuse_registration_problems(event, data)
    return _save(actor, event, EVENT_FIELDS, data, "participation.save_event", request)


@transaction.atomic
def save_meeting(actor, meeting: Meeting, data: dict, request=None) -> Meeting:
    return _save(actor, meeting, MEETING_FIELDS, data, "participation.save_meeting", request)


@transaction.atomic
def publish(actor, obj, request=None):
    """Publishes a hearing notice, an event or a meeting's attendance record."""
    require(actor, "participation.publish", obj.organization_id)
    if obj.state == PublishState.PUBLISHED:
        raise ActionRefused(_("已经发布。"))
    obj.state = PublishState.PUBLISHED
    obj.save(update_fields=["state"])
    record(actor, "participation.publish", obj, organization=obj.organization, request=request)
    refresh_public_pages()
    return obj


@transaction.atomic
def publish_record(actor, obj, text: str, request=None):
    """听证笔录/报告 of a hearing, or the follow-up (问题与答复、办理情况) of an event, after it took place."""
    require(actor, "participation.publish", obj.organization_id)
    if obj.state != PublishState.PUBLISHED:
        raise ActionRefused(_("请先发布通知。"))
    if obj.starts_at > timezone.now():
        raise ActionRefused(_("活动举行之后才能发布记录。"))
    text = sanitize_html(text or "")
    if not html_to_text(text).strip():
        raise ActionRefused(_("请填写要公开的内容。"))
    if isinstance(obj, Hearing):
        obj.record, obj.record_published_at = text, timezone.now()
        obj.save(update_fields=["record", "record_published_at"])
    else:
        obj.followup, obj.followup_published_at = text, timezone.now()
        obj.save(update_fields=["followup", "followup_published_at"])
    record(actor, "participation.publish_record", obj, organization=obj.organization, request=request)
    refresh_public_pages()
    return obj


@transaction.atomic
def add_attendee(actor, meeting: Meeting, category: str, name: str, name_public: bool, request=None) -> Attendee:
    require(actor, "participation.manage", meeting.organization_id)
    name = clean_text(name, 100)
    if not name or category not in Attendee.Category.values:
        raise ActionRefused(_("请填写列席人员的姓名或单位，并选择列席身份。"))
    attendee = Attendee.objects.create(meeting=meeting, category=category, name=name, name_public=bool(name_public))
    record(actor, "participation.add_attendee", attendee, organization=meeting.organization,
           object_repr=meeting.title, request=request)
    refresh_public_pages()
    return attendee


def registration_state(obj, today=None) -> tuple[bool, str]:
    """(open, why not) for a hearing's or event's registration."""
    today = today or timezone.localdate()
    if obj.state != PublishState.PUBLISHED or not obj.registration_closes_on:
        return False, _("本次活动不接受网上报名。")
    if today > obj.registration_closes_on or obj.starts_at <= timezone.now():
        return False, _("报名已于%(date)s截止。") % {"date": obj.registration_closes_on}
    if obj.capacity and obj.registrations.count() >= obj.capacity:
        return False, _("名额已满（共%(n)s人），报名已结束。") % {"n": obj.capacity}
    return True, ""


@transaction.atomic
def register(obj, data: dict) -> Registration:
    """A citizen registers for a hearing or an event; the row is locked so the capacity holds."""
    model = type(obj)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    is_open, why = registration_state(obj)
    if not is_open:
        raise ActionRefused(why)
    name, phone = clean_text(data.get("name"), 51), clean_text(data.get("phone"), 31)
    affiliation = clean_text(data.get("affiliation"), 101)
    if not name or not phone:
        raise ActionRefused(_("请填写姓名和联系电话。"))
    if len(name) > 50 or len(phone) > 30 or len(affiliation) > 100:
        raise ActionRefused(_("填写的内容过长，请精简后再提交。"))
    if any(MARKUP.search(value) for value in (name, phone, affiliation)):
        raise ActionRefused(_("填写的内容不能包含网页代码。"))
    try:
        phone = typed.validate_phone(phone)
    except ValidationError as error:
        raise ActionRefused(error.messages[0]) from None
    target = {"hearing": obj} if isinstance(obj, Hearing) else {"event": obj}
    return Registration.objects.create(name=name, phone=phone, affiliation=affiliation, **target)
