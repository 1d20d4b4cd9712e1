import factory

from gongkai.organizations.models import Organization
from gongkai.organizations.validators import with_check_character


def credit_code_for(n: int, region: str = "370323") -> str:
    """A valid 统一社会信用代码 for a government body (登记管理部门 1, 机关 1) in `region`."""
    return with_check_character(f"11{region}{n:09d}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"测试县第{n}局")
    short_name = factory.LazyAttribute(lambda o: o.name[-3:])
    credit_code = factory.Sequence(lambda n: credit_code_for(500000 + n))
    office_name = factory.LazyAttribute(lambda o: f"{o.name}办公室")
    office_address = "测试县人民路1号"
    office_hours = "工作日 8:30-12:00，13:30-17:30"
    office_phone = "0533-3200000"
    office_fax = "0533-3200001"
    office_email = "gk@example.cn"
    office_web = "https://www.example.cn/"
