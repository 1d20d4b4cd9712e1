"""factory_boy factories of 公众参与 (tests, the permission matrix)."""

import datetime as dt

import factory
from django.utils import timezone

from gongkai.organizations.factories import OrganizationFactory
from gongkai.participation import models

DRAFT = "<p>第一条 为了规范测试事项，制定本办法。</p><p>第二条 本办法适用于本县行政区域。</p><p>第三条 本办法自发布之日起施行。</p>"


def today():
    return timezone.localdate()


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Consultation

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"关于《测试办法{n}（征求意见稿）》公开征求意见的公告")
    draft = DRAFT
    explanation = "<p>起草说明。</p>"
    opens_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=25))
    email = "yijian@example.cn"
    postal_address = "测试县胜利路1号"
    fax = "0533-1234567"
    contact = "张科长 0533-1234567"
    state = models.PublishState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Comment

    consultation = factory.SubFactory(ConsultationFactory)
    body = "建议明确适用范围。"
    name = "王五"
    affiliation = "某某公司"
    contact = "13912345678"
    may_publish = True


class DecisionCatalogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DecisionCatalog

    organization = factory.SubFactory(OrganizationFactory)
    year = 2026
    standard = "对经济社会发展有重大影响、涉及重大公共利益的事项。"


class DecisionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DecisionEntry

    catalog = factory.SubFactory(DecisionCatalogFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"测试重大决策事项{n}")
    lead_unit = "县住房城乡建设局"
    basis = "《重大行政决策程序暂行条例》"
    planned_time = "2026年6月"


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Hearing

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"测试听证会{n}")
    matter = "供热价格调整"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    place = "县政务服务中心"
    registration_closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=5))
    capacity = 20
    state = models.PublishState.PUBLISHED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    organization = factory.SubFactory(OrganizationFactory)
    kind = models.Event.Kind.OPEN_DAY
    title = factory.Sequence(lambda n: f"政府开放日{n}")
    topic = "参观政务服务大厅"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    place = "县政务服务中心"
    capacity = 2
    registration_closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=5))
    state = models.PublishState.PUBLISHED


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    organization = factory.SubFactory(OrganizationFactory)
    kind = models.Meeting.Kind.EXECUTIVE
    title = factory.Sequence(lambda n: f"县政府第{n}次常务会议")
    held_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=3))
    topics = "研究供热价格\n研究公交方案"
    state = models.PublishState.PUBLISHED
