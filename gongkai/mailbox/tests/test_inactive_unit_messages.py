"""A unit dissolved with messages still open: the 政务公开办 routes or transfers them to another unit;
the dissolved unit's own staff can do nothing with them."""

import pytest

from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_the_county_office_moves_a_dissolved_units_messages(unit, other_unit, supervisor, editor):
    routed, transferred = MessageFactory(addressee=unit), MessageFactory(addressee=unit)
    unit.is_active = False
    unit.save()
    with pytest.raises(ActionRefused):
        services.transfer(fresh(editor), transferred, other_unit, "机构改革")
    services.route(fresh(supervisor), routed, other_unit, "机构改革，请新单位答复。")
    services.transfer(fresh(supervisor), transferred, other_unit, "机构改革")
    routed.refresh_from_db()
    transferred.refresh_from_db()
    assert routed.organization == other_unit and transferred.organization == other_unit
