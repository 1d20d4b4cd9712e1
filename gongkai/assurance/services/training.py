"""Training sessions: the 政务公开办 records 县级 sessions (and any below it), a unit's administrator its own
部门/乡镇 sessions; materials are checked uploads; attendance by staff account or by name, per unit."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.assurance.models import Assessment, Attendance, TrainingMaterial, TrainingSession
from gongkai.assurance.services.common import clean_text, refuse_control_characters, require
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.forms import date_in_range, date_range_message
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import accept_upload

FIELDS = ["held_on", "topic", "level", "trainer", "place", "hours", "summary"]
MAX_NAMES = 200
# Product rule (no statute fixes it): a record counts from half an hour to a 培训班 of two working weeks
# (10 days of 8 学时). A record stored before the rule keeps its 学时 when edited (save_session).
MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("80")
DEFAULT_HOURS = Decimal("2")


def check_hours(value, kept: Decimal | None = None) -> Decimal:
    """学时 as given; only a missing value takes the default (0 is refused, never turned into 2). `kept`, the
    学时 a record already has, stays as it is: correcting a topic does not wait on a rule made later."""
    if value is None or value == "":
        return DEFAULT_HOURS
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        raise ActionRefused(_("学时须为数字。")) from None
    if kept is not None and hours == kept:
        return hours
    if hours == 0:
        raise ActionRefused(_("学时不能为0，请填写实际学时。"))
    if not hours.is_finite() or not MIN_HOURS <= hours <= MAX_HOURS:
        raise ActionRefused(_("学时须在%(min)s至%(max)s之间。") % {"min": MIN_HOURS, "max": MAX_HOURS})
    return hours


def _clean(data: dict, kept_hours: Decimal | None = None) -> dict:
    if not isinstance(data.get("held_on"), dt.date):
        raise ActionRefused(_("请填写培训日期。"))
    if not date_in_range(data["held_on"]):
        raise ActionRefused(date_range_message())
    if data.get("level") not in TrainingSession.Level.values:
        raise ActionRefused(_("请选择培训层级。"))
    return {"held_on": data["held_on"], "level": data["level"],
            "topic": clean_text(data.get("topic"), _("培训主题"), limit=200),
            "trainer": clean_text(data.get("trainer"), _("授课人"), limit=100),
            "place": clean_text(data.get("place"), _("地点"), required=False, limit=200),
            "hours": check_hours(data.get("hours"), kept_hours), "summary": clean_text(data.get("summary"), _("内容摘要"), required=False)}


def _published_year(organization, year: int) -> bool:
    """Whether a county above (or at) the organiser has published its 绩效考核 of `year`: the figures are
    frozen, and a session back-dated into that year would change the record they were computed from."""
    ids, org = set(), organization
    while org is not None:
        ids.add(org.pk)
        org = org.parent
    return Assessment.objects.filter(organization_id__in=ids, year=year, state=Assessment.State.PUBLISHED).exists()


def _refuse_published(session: TrainingSession) -> None:
    if _published_year(session.organization, session.held_on.year):
        raise ActionRefused(_("%(year)d年度的绩效考核已公布，不能再登记或改动该年度的培训。")
                            % {"year": session.held_on.year})


@transaction.atomic
def save_session(actor, organization, data: dict, session: TrainingSession | None = None,
                 request=None) -> TrainingSession:
    if session is not None:
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        organization = session.organization
    require(actor, "assurance.training", organization.pk, _("只有政务公开办或本单位管理员可以登记培训。"))
    before = snapshot(session, FIELDS) if session else {}
    clean = _clean(data, session.hours if session else None)
    supervisor = has_perm(actor, "assurance.manage", organization.pk)
    if clean["level"] == TrainingSession.Level.COUNTY and not supervisor and (
            session is None or session.level != TrainingSession.Level.COUNTY):
        raise ActionRefused(_("县级培训由政务公开办组织和登记，单位只能登记本单位的部门或乡镇培训。"))
    if session is not None:
        _refuse_published(session)
    _refuse_published(TrainingSession(organization=organization, held_on=clean["held_on"]))
    session = session or TrainingSession(organization=organization, created_by=actor)
    for key, value in clean.items():
        setattr(session, key, value)
    session.save()
    record(actor, "assurance.training_save", session, organization=organization, before=before,
           after=snapshot(session, FIELDS), request=request)
    return session


@transaction.atomic
def add_material(actor, session: TrainingSession, uploaded, request=None) -> TrainingMaterial:
    require(actor, "assurance.training", session.organization_id)
    checked, sha256 = accept_upload(uploaded)
    material = TrainingMaterial(session=session, original_name=checked.name, content_type=checked.content_type,
                                size=checked.size, sha256=sha256)
    save_file(material.file, checked.name, uploaded)
    material.save()
    record(actor, "assurance.training_material", session, organization=session.organization,
           after={"material": checked.name, "size": checked.size}, request=request)
    return material


@transaction.atomic
def remove_material(actor, material: TrainingMaterial, request=None) -> None:
    session = material.session
    require(actor, "assurance.training", session.organization_id)
    name, stored = material.original_name, material.file
    material.delete()
    storage, file_name = stored.storage, stored.name
    transaction.on_commit(lambda: storage.delete(file_name))
    record(actor, "assurance.training_material_remove", session, organization=session.organization,
           before={"material": name}, request=request)


def attendee_units(actor, session: TrainingSession) -> set[int]:
    """Units whose attendance the actor may record for the session: the organiser's subtree as 政务公开办,
    the organiser's own unit as its administrator."""
    if has_perm(actor, "assurance.manage", session.organization_id):
        return organization_ids_with(actor, "assurance.manage")
    return {session.organization_id} if has_perm(actor, "assurance.training", session.organization_id) else set()


@transaction.atomic
def add_attendance(actor, session: TrainingSession, organization, names: str = "", users=(),
                   request=None) -> int:
    """Attendees of one unit: staff accounts of that unit and/or names, one a line. Returns how many were added."""
    if organization.pk not in attendee_units(actor, session):
        raise ActionRefused(_("您不能为该单位登记参训人员。"))
    _refuse_published(session)
    # Line breaks separate the names; any other control or bidi-override character is refused, never saved.
    refuse_control_characters((names or "").replace("\r", "").replace("\n", ""), _("参训人员姓名"))
    people = []
    member_ids = set(Membership.objects.filter(organization=organization).values_list("user_id", flat=True))
    for user in users:
        if user.pk not in member_ids:
            raise ActionRefused(_("所选账号不属于该单位。"))
        people.append((user, (user.get_full_name() or user.get_username())[:50]))
    for line in (names or "").splitlines():
        name = line.strip()
        if name:
            if len(name) > 50:
                raise ActionRefused(_("姓名不能超过50字。"))
            people.append((None, name))
    if not people:
        raise ActionRefused(_("请选择账号或填写参训人员姓名。"))
    if len(people) > MAX_NAMES:
        raise ActionRefused(_("一次最多登记%(n)d人。") % {"n": MAX_NAMES})
    existing = set(Attendance.objects.filter(session=session, organization=organization).values_list("name", flat=True))
    added = 0
    for user, name in people:
        if name in existing:
            continue
        existing.add(name)
        Attendance.objects.create(session=session, organization=organization, user=user, name=name)
        added += 1
    record(actor, "assurance.attendance_add", session, organization=organization,
           after={"unit": organization.name, "added": added}, request=request)
    return added


@transaction.atomic
def remove_attendance(actor, attendance: Attendance, request=None) -> None:
    session = attendance.session
    if attendance.organization_id not in attendee_units(actor, session):
        raise ActionRefused(_("您不能修改该单位的参训记录。"))
    _refuse_published(session)
    record(actor, "assurance.attendance_remove", session, organization=attendance.organization,
           before={"name": attendance.name}, request=request)
    attendance.delete()


def visible_sessions(user):
    """Sessions organised within the user's supervision or by the user's unit, and sessions the unit attended."""
    supervised = organization_ids_with(user, "assurance.manage")
    own = organization_ids_with(user, "assurance.view")
    return (TrainingSession.objects.filter(organization_id__in=supervised | own)
            | TrainingSession.objects.filter(attendance__organization_id__in=own)).distinct()


def yearly_counts(year: int, organization_ids) -> list[tuple]:
    """(unit, sessions attended, people) for every unit, most trained first."""
    from django.db.models import Count

    from gongkai.organizations.models import Organization

    rows = {r["organization_id"]: r for r in Attendance.objects.filter(
        session__held_on__year=year, organization_id__in=list(organization_ids)).values("organization_id").annotate(
        sessions=Count("session_id", distinct=True), people=Count("id"))}
    units = Organization.objects.filter(pk__in=list(organization_ids), is_active=True).order_by("sort_order", "id")
    result = [(u, rows.get(u.pk, {}).get("sessions", 0), rows.get(u.pk, {}).get("people", 0)) for u in units]
    return sorted(result, key=lambda r: -r[1])
