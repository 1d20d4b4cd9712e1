"""A small county for the browser tests, built through factories and services (load_demo is too slow)."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role, User
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import ensure_catalog, node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.publishing import services
from gongkai.publishing.models import InformationItem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ATTACHMENT_NAME = "沂源县2020年政务公开工作要点（附件）.pdf"
NODE_KEY = "plan.notices"  # 通知公告


@dataclass
class County:
    government: Organization
    department: Organization
    editor: User
    reviewer: User

    @property
    def node(self) -> CatalogNode:
        return node_by_key(self.department, NODE_KEY)


def build_county() -> County:
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府",
                                     short_name="测试县政府")
    department = OrganizationFactory(parent=government, name="测试县教育和体育局", short_name="县教体局")
    for organization in (government, department):
        ensure_catalog(organization)
    SiteProfile.objects.create(host="", name="测试县人民政府", root_organization=government,
                               site_code="3703230001", icp_number="鲁ICP备00000000号")
    return County(
        government=government,
        department=department,
        editor=user_with_role(department, Role.EDITOR, username="xinxiyuan", full_name="信息员小王"),
        reviewer=user_with_role(department, Role.REVIEWER, username="shenheyuan", full_name="审核员老李"),
    )


def publish(county: County, title: str, attachment: bool = False, nodes=None, **fields) -> InformationItem:
    """An item of the department taken through the real workflow: draft, 送审, 保密审查, publication.
    It is filed under 通知公告 unless `nodes` says otherwise."""
    data = {"title": title, "formed_on": dt.date.today() - dt.timedelta(days=2), "written_on": dt.date.today(),
            "doc_number": "源教体字〔2020〕12号",
            "body": "<p>各学校：现将有关事项通知如下。</p><ol><li>按时公开。</li><li>做好保密审查。</li></ol>"}
    data.update(fields)
    item = services.create_item(county.editor, county.department, data, nodes or [county.node])
    if attachment:
        services.add_attachment(county.editor, item,
                                SimpleUploadedFile(ATTACHMENT_NAME, PDF, content_type="application/pdf"))
    services.submit(county.editor, item)
    services.approve(county.reviewer, item, "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。",
                     secrecy_checked=True)
    return services.publish(county.reviewer, item)
