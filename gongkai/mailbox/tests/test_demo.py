"""The demo messages: loaded once, dated in the past, and exactly one for the veto rule to find."""

import pytest
from django.utils import timezone

from gongkai.accounts.factories import UserFactory
from gongkai.mailbox import demo, queries
from gongkai.mailbox.models import Faq, Message, MessageEvent, State
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_case_and_loads_once():
    root = OrganizationFactory(name=demo.ROOT, kind=Organization.Kind.PEOPLE_GOVERNMENT, sort_order=1)
    for name in (demo.WLJ, demo.JYJ, demo.ZJJ, demo.WJJ, demo.NMJD, demo.ZFJ, demo.RSJ, demo.JTJ):
        OrganizationFactory(name=name, parent=root)
    UserFactory(username="admin", is_superuser=True)
    demo.load()
    count = Message.objects.count()
    assert count == len(demo.SPECS) + len(demo.OPEN_SPECS) >= 30
    demo.load()
    assert Message.objects.count() == count and Faq.objects.count() == len(demo.FAQS)
    veto = list(queries.unanswered_beyond_veto())
    assert [m.organization.name for m in veto] == [demo.ZJJ]
    assert Message.objects.filter(state=State.SUBMITTED).count() == 1
    transferred = Message.objects.get(events__type=MessageEvent.Type.TRANSFERRED)
    assert transferred.organization.name == demo.NMJD and transferred.is_open
    answered = Message.objects.filter(state=State.ANSWERED)
    on_time = [m for m, clock in queries.with_clocks(answered) if clock.state == "met"]
    assert len(on_time) == len(demo.SPECS) - 3 and answered.filter(published=True).count() >= 15
    assert not MessageEvent.objects.filter(at__date__gt=timezone.localdate()).exists()
    # Staff read the writers' names: real-looking, one per message (not 「演示留言人open」).
    names = [m.name for m in Message.objects.all()]
    assert len(set(names)) == count and not any("演示" in n or n.isascii() for n in names)
