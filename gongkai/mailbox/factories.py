"""factory_boy factories for messages (tests): a message as if submitted online on `received_on`."""

import datetime as dt

import factory

from gongkai.mailbox import services
from gongkai.mailbox.models import Faq, Kind, Message, State
from gongkai.organizations.factories import OrganizationFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    tracking_number = factory.Sequence(lambda n: f"LY-2026-{n + 1:06d}")
    query_code_digest = factory.LazyAttribute(lambda o: services.query_code_digest(o.tracking_number, "TEST-CODE-0001"))
    kind = Kind.CONSULT
    addressee = factory.SubFactory(OrganizationFactory)
    organization = factory.SelfAttribute("addressee")
    subject = factory.Sequence(lambda n: f"关于供暖时间的咨询{n}")
    content = "请问今年城区集中供暖什么时候开始？"
    name = "张三"
    contact = "13953312345"
    may_publish = True
    state = State.SUBMITTED
    received_on = dt.date(2026, 3, 2)
    reply_workdays = 5


class FaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faq

    organization = factory.SubFactory(OrganizationFactory)
    topic = "供暖"
    question = "城区集中供暖什么时候开始？"
    answer = "每年11月15日开始供暖，次年3月15日结束。"
