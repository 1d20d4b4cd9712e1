"""Test data for 依申请公开 cases."""

import datetime as dt

import factory
from django.utils import timezone

from gongkai.requests.choices import ApplicantType, Channel, State
from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.requests.services.common import sync_dates
from gongkai.requests.services.intake import applicant_digest, query_code_digest

TEST_QUERY_CODE = "ABCD-EFGH-JKMN"


class RequestCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestCase

    tracking_number = factory.Sequence(lambda n: f"SQ-2020-{n + 900000:06d}")
    query_code_digest = factory.LazyAttribute(lambda o: query_code_digest(o.tracking_number, TEST_QUERY_CODE))
    organization = factory.SubFactory("gongkai.organizations.factories.OrganizationFactory")
    state = State.PENDING
    channel = Channel.IN_PERSON
    applicant_type = ApplicantType.NATURAL_PERSON
    applicant_name = "张三"
    id_number = "370323199001011234"
    id_digest = factory.LazyAttribute(lambda o: applicant_digest(o.id_number))
    phone = "13800001234"
    email = "zhangsan@example.cn"
    address = "沂源县历山街道1号"
    info_title = "2019年度县级财政预算执行情况"
    info_description = "申请公开2019年度县级财政预算执行情况报告全文"


def received_case(organization, on: dt.date, state: str = State.ACCEPTED, **fields) -> RequestCase:
    """A case received on `on` (第三十一条 date recorded as its RECEIVED event)."""
    submitted = timezone.make_aware(dt.datetime.combine(on, dt.time(9)))
    case = RequestCaseFactory(organization=organization, state=state, submitted_at=submitted, **fields)
    ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.RECEIVED, on=on, label=case.channel)
    sync_dates(case)
    case.save()
    return case
