"""Items still in the workflow, for the demo users' 我的待办: drafts, items awaiting review, a returned
item, an approved one waiting to be published and a scheduled one. They go through the real services
(create_item, add_attachment, submit, return_item, approve, publish), exactly as staff would.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.demo import bodies
from gongkai.demo.data.organizations import BY_KEY
from gongkai.publishing import services
from gongkai.publishing.choices import DocType, State

SCHEDULED = "scheduled"
SECRECY_OPINION = "经保密审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"


@dataclass(frozen=True)
class WorkflowSpec:
    key: str
    org: str
    title: str
    node: str
    state: str  # State.DRAFT / SUBMITTED / RETURNED / APPROVED, or SCHEDULED
    days_ago: int
    attachment: tuple[str, str] | None = None
    opinion: str = ""  # the reviewer's opinion when returned


WORKFLOW = [
    WorkflowSpec("wf-bgs-1", "bgs", "沂源县人民政府办公室关于做好政府网站和政务新媒体常态化监管工作的通知",
                 "plan.notices", State.DRAFT, 2, ("docx", "政府网站和政务新媒体监管工作方案（送审稿）.docx")),
    WorkflowSpec("wf-bgs-2", "bgs", "沂源县人民政府办公室关于进一步规范政府信息公开申请办理工作的通知",
                 "plan.notices", State.DRAFT, 1),
    WorkflowSpec("wf-bgs-3", "bgs", "沂源县人民政府办公室关于开展政府开放日活动的公告", "plan.decisions",
                 State.SUBMITTED, 3),
    WorkflowSpec("wf-bgs-4", "bgs", "沂源县人民政府办公室关于印发《沂源县政务公开事项标准目录》的通知", "art20.1",
                 State.SUBMITTED, 4, ("xlsx_list", "沂源县政务公开事项标准目录.xlsx")),
    WorkflowSpec("wf-bgs-5", "bgs", "沂源县人民政府办公室关于公布县级行政机关机构职能目录的通知", "art20.2",
                 State.RETURNED, 6, opinion="请补充各部门机构职能目录附件，并核对发文字号。"),
    WorkflowSpec("wf-bgs-6", "bgs", "沂源县人民政府办公室关于做好政务公开专区建设工作的通知", "plan.notices",
                 State.APPROVED, 5),
    WorkflowSpec("wf-bgs-7", "bgs", "沂源县人民政府办公室关于开展政务公开业务培训的通知", "plan.notices",
                 SCHEDULED, 3),
    WorkflowSpec("wf-wlj-1", "wlj", "沂源县文化和旅游局关于公布A级旅游景区名录的公告", "art20.15", State.DRAFT, 1),
    WorkflowSpec("wf-wlj-2", "wlj", "沂源县文化和旅游局关于做好文化市场安全生产工作的通知", "plan.notices",
                 State.SUBMITTED, 2),
    WorkflowSpec("wf-nmjd-1", "nmjd", "南麻街道农村低保审批情况公示", "art21.t8", State.DRAFT, 1),
    WorkflowSpec("wf-nmjd-2", "nmjd", "南麻街道农村土地承包经营权流转情况公示", "art21.t3", State.SUBMITTED, 2,
                 ("xlsx_list", "农村土地承包经营权流转情况.xlsx")),
    WorkflowSpec("wf-nmjd-3", "nmjd", "南麻街道村级公益事业建设一事一议筹资筹劳情况公示", "art21.t7",
                 State.RETURNED, 5,
                 opinion="公示内容涉及个人信息，请删除身份证号码等个人隐私后重新送审（条例第十五条）。"),
]


def create_workflow_item(spec: WorkflowSpec, organization, node, editor, reviewer, files, written: list[str]):
    rng = random.Random(f"2020-{spec.key}")
    today = timezone.localdate()
    formed_on = today - dt.timedelta(days=spec.days_ago)
    unit = BY_KEY[spec.org]
    data = {
        "title": spec.title, "formed_on": formed_on, "written_on": formed_on, "topic": unit.topic,
        "doc_type": DocType.NOTICE if spec.title.endswith("通知") else DocType.OTHER,
        "keywords": unit.subjects[0], "body": bodies.notice(rng, unit, unit.subjects[0], formed_on),
    }
    item = services.create_item(editor, organization, data, [node])
    if spec.attachment:
        kind, name = spec.attachment
        attachment = services.add_attachment(editor, item, SimpleUploadedFile(name, files.get(kind)))
        written.append(attachment.file.name)
    if spec.state == State.DRAFT:
        return item
    item = services.submit(editor, item)
    if spec.state == State.SUBMITTED:
        return item
    if spec.state == State.RETURNED:
        return services.return_item(reviewer, item, spec.opinion)
    item = services.approve(reviewer, item, SECRECY_OPINION, secrecy_checked=True)
    if spec.state == SCHEDULED:
        local = timezone.localtime() + dt.timedelta(days=3)
        at = local.replace(hour=9, minute=0, second=0, microsecond=0)
        item = services.publish(reviewer, item, at=at)
    return item
