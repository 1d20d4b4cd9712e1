import datetime as dt

import factory
from django.utils import timezone

from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem


class ItemFactory(factory.django.DjangoModelFactory):
    """A draft item. Use `published_item` to take one through the real workflow."""

    class Meta:
        model = InformationItem
        skip_postgeneration_save = True

    organization = factory.SubFactory("gongkai.organizations.factories.OrganizationFactory")
    title = factory.Sequence(lambda n: f"关于做好第{n}项政务公开工作的通知")
    formed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    body = "<p>各镇人民政府，各街道办事处，县政府各部门：现将有关事项通知如下。</p>"
    state = State.DRAFT

    @factory.post_generation
    def catalog_nodes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.catalog_nodes.set(extracted)


def published_item(organization, editor, reviewer, nodes=None, **fields):
    """Create, submit, approve (保密审查) and publish an item through the services."""
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing import services

    ensure_catalog(organization)
    nodes = nodes or [node_by_key(organization, "plan.notices")]
    data = {"title": "关于公开测试信息的通知", "formed_on": timezone.localdate(), "body": "<p>正文</p>"}
    data.update(fields)
    item = services.create_item(editor, organization, data, nodes)
    services.submit(editor, item)
    services.approve(reviewer, item, "经审查，不涉及国家秘密，同意公开。", secrecy_checked=True)
    return services.publish(reviewer, item)
