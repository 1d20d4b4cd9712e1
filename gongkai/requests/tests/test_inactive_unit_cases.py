"""A unit dissolved with requests still open: the 政务公开办 hands them on to the unit that took over its
duties (their 20 working days keep running), and never hands a request to a deactivated unit."""

import datetime as dt

import pytest

from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.services import intake

pytestmark = pytest.mark.django_db


def deactivate(org):
    org.is_active = False
    org.save()


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # permissions are cached on the user object


def test_the_county_office_hands_a_dissolved_units_open_request_to_its_successor(county, supervisor, unit):
    successor = OrganizationFactory(parent=county, name="测试县文化和旅游服务中心")
    case = received_case(unit, dt.date(2020, 3, 2))
    assistance_case = received_case(unit, dt.date(2020, 3, 3))
    deactivate(unit)
    intake.assign(fresh(supervisor), case, successor, "机构改革，请新单位办理。")
    case.refresh_from_db()
    assert case.organization == successor
    intake.ask_assistance(fresh(supervisor), assistance_case, successor, "请协助查找原单位档案。")


def test_no_request_is_handed_to_a_deactivated_unit(county, supervisor, unit):
    dissolved = OrganizationFactory(parent=county, name="测试县已撤销单位")
    deactivate(dissolved)
    case = received_case(unit, dt.date(2020, 3, 2))
    with pytest.raises(ActionRefused, match="已停用"):
        intake.assign(fresh(supervisor), case, dissolved, "请办理。")
    with pytest.raises(ActionRefused, match="已停用"):
        intake.ask_assistance(fresh(supervisor), case, dissolved, "请协助。")
    case.refresh_from_db()
    assert case.organization == unit


def test_a_dissolved_units_due_request_is_reminded_to_the_county_office_not_its_former_staff(
        county, supervisor, unit, unit_editor):
    from gongkai.requests import reminders
    from gongkai.requests.choices import State
    from gongkai.requests.models import Reminder

    case = received_case(unit, dt.date(2020, 1, 20), state=State.PROCESSING, handler=unit_editor)
    deactivate(unit)
    reminders.create_reminders(dt.date(2020, 2, 26))
    [reminder] = Reminder.objects.filter(case=case)
    assert reminder.user == supervisor
    assert case.tracking_number in reminder.message and "测试县文化和旅游局已停用，请移交" in reminder.message


def test_a_dissolved_units_case_waiting_for_a_correction_is_handed_on_too(county, supervisor, unit):
    """Nobody at the unit can go on with it, and the 政务公开办's reminder asks it to hand the case on."""
    successor = OrganizationFactory(parent=county, name="测试县文化和旅游服务中心")
    case = received_case(unit, dt.date(2020, 3, 2), state=State.CORRECTION)
    with pytest.raises(ActionRefused):  # an active unit's case is its own once it has asked for a correction
        intake.assign(fresh(supervisor), case, successor, "请办理。")
    deactivate(unit)
    intake.assign(fresh(supervisor), case, successor, "机构改革，请新单位办理。")
    case.refresh_from_db()
    assert case.organization == successor and case.state == State.CORRECTION


def test_a_handler_moved_to_another_unit_is_not_reminded_and_the_unit_is(unit, unit_editor, county):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Membership, Role
    from gongkai.requests import reminders
    from gongkai.requests.models import Reminder

    colleague = user_with_role(unit, Role.EDITOR)
    case = received_case(unit, dt.date(2026, 10, 9), state=State.PROCESSING, handler=unit_editor)  # overdue by 12-03
    other = OrganizationFactory(parent=county, name="测试县财政局")
    Membership.objects.filter(user=unit_editor, organization=unit).update(organization=other)  # transferred
    reminders.create_reminders(dt.date(2026, 12, 3))
    assert not Reminder.objects.filter(user=unit_editor, case=case).exists()
    assert Reminder.objects.filter(user=colleague, case=case).exists()  # the unit's own handlers are told
