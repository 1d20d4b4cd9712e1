"""A unit dissolved with requests still open: the 政务公开办 hands them on to the unit that took over its
duties (their 20 working days keep running), and never hands a request to a deactivated unit."""

import datetime as dt

import pytest

from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
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
