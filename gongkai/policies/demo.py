"""Demo 涉企政策 (called by `gongkai load_demo`): a dozen enterprise policies of 沂源县 units across industries,
dated relative to today so that some are open now and some closed, one 免申即享; two quarters of pushes
by 县工业和信息化局, 县人力资源社会保障局, 县行政审批服务局 and 县文化和旅游局, one by 县科技局, and none by 县商务局
although it had policies to push in both (a finding of the 检查指标 and a gap on the 政务公开办's board)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.demo.data.organizations import BY_KEY
from gongkai.organizations.models import Organization
from gongkai.policies.models import Category as C
from gongkai.policies.models import Delivery as D
from gongkai.policies.models import Digest, EnterprisePolicy
from gongkai.policies.quarters import Quarter
from gongkai.policies.services import _fill, digest_industries, digest_policies
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Topic
from gongkai.publishing.models import InformationItem

TZ = ZoneInfo("Asia/Shanghai")
NODE = "art20.15"

# (unit, 承办部门, title, 文号 (year filled in), published (quarters back, day in quarter), window (start, end) in
#  days from today, industries, sizes, category, delivery, conditions, materials, procedure, contact)
POLICIES = [
    ("gxj", "gxj", "沂源县工业企业技术改造奖补办法", "源工信发〔{year}〕3号", (0, 10), (-40, 60), "C", "",
     C.SUBSIDY, D.APPLY, "在沂源县注册、具有独立法人资格的规模以上工业企业，上一年度完成设备投资500万元以上的技术改造项目。",
     ["技术改造奖补申请表", "营业执照复印件", "项目备案证明", "设备购置发票及付款凭证", "项目竣工验收报告"],
     ["企业在线提交申请", "县工业和信息化局受理并初审", "第三方机构审计", "公示5个工作日", "拨付奖补资金"],
     "县工业和信息化局技术改造股 0533-3221001"),
    ("gxj", "gxj", "沂源县专精特新中小企业培育扶持措施", "源工信发〔{year}〕1号", (2, 15), (-200, 30), "C,I,M",
     "medium,small,micro", C.SUBSIDY, D.APPLY,
     "首次认定为省级“专精特新”中小企业或国家级专精特新“小巨人”企业的县内企业。",
     ["扶持资金申请表", "认定文件复印件", "企业上年度财务报表"],
     ["企业提交申请", "县工业和信息化局审核", "县财政局拨付"], "县工业和信息化局中小企业股 0533-3221005"),
    ("gxj", "czj", "沂源县工业企业电费补贴（免申即享）", "源工信发〔{year}〕5号", (1, 40), (-90, 275), "C,D", "",
     C.SUBSIDY, D.AUTOMATIC, "年用电量100万千瓦时以上、上年度无安全生产和环保违法记录的工业企业。",
     [], ["县工业和信息化局根据电力公司数据确定名单", "名单公示5个工作日", "县财政局直接拨付至企业账户"],
     "县财政局经济建设股 0533-3222010"),
    ("rsj", "rsj", "沂源县稳岗返还政策实施办法", "源人社发〔{year}〕8号", (1, 5), (-150, 45), "", "",
     C.EMPLOYMENT, D.APPLY, "上年度未裁员或裁员率不高于全国城镇调查失业率控制目标、足额缴纳失业保险费满12个月的参保单位。",
     ["稳岗返还申请表", "单位银行账户信息"], ["登录“爱山东”提交申请", "县社保中心比对参保数据", "公示并发放"],
     "县人力资源社会保障局就业股 0533-3223003"),
    ("rsj", "rsj", "沂源县吸纳高校毕业生就业社保补贴", "源人社发〔{year}〕4号", (2, 20), (-200, -20), "", "small,micro",
     C.EMPLOYMENT, D.APPLY, "招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同并缴纳社会保险的小微企业。",
     ["社保补贴申请表", "劳动合同复印件", "毕业证书复印件", "社会保险缴费明细"],
     ["企业提交申请", "县人力资源社会保障局审核", "按季度拨付"], "县人力资源社会保障局就业股 0533-3223003"),
    ("rsj", "rsj", "沂源县高层次人才引进补贴办法", "源人社发〔{year}〕11号", (0, 20), (0, 120), "C,I,M,Q", "",
     C.TALENT, D.APPLY, "县内企业新引进的博士研究生、正高级职称人才，签订5年以上服务协议。",
     ["人才补贴申请表", "学历学位证书或职称证书", "劳动合同和服务协议"], ["企业申报", "县委人才办会同人社局审核", "兑现补贴"],
     "县人力资源社会保障局人才股 0533-3223008"),
    ("swj", "swj", "沂源县外贸企业开拓国际市场支持政策", "源商发〔{year}〕2号", (1, 30), (-100, 80), "C,F", "",
     C.MARKET, D.APPLY, "在沂源县注册、上年度进出口额50万美元以上、参加境外展会的外贸企业。",
     ["展位费发票", "参展合同", "参展照片", "进出口业绩证明"], ["企业提交申请", "县商务局审核", "拨付补助"],
     "县商务局外贸股 0533-3224002"),
    ("swj", "swj", "沂源县电子商务进农村示范项目扶持办法", "源商发〔{year}〕6号", (2, 50), (-160, -30), "A,F,G", "small,micro,individual",
     C.SUBSIDY, D.APPLY, "在镇村建设电子商务服务站点、带动农产品网络销售的企业和个体工商户。",
     ["项目申请书", "站点建设投入凭证", "网络销售数据"], ["镇（街道）初审", "县商务局复审", "公示", "拨付资金"],
     "县商务局电商股 0533-3224006"),
    ("kjj", "kjj", "沂源县高新技术企业认定奖励", "源科发〔{year}〕1号", (1, 25), (-110, 150), "C,I,M", "",
     C.INNOVATION, D.APPLY, "首次通过国家高新技术企业认定的县内企业。", ["奖励申请表", "高新技术企业证书复印件"],
     ["企业提交申请", "县科技局审核", "拨付奖励资金"], "县科技局 0533-3225001"),
    ("nyncj", "nyncj", "沂源县农业机械购置补贴实施方案", "源农发〔{year}〕2号", (0, 5), (-50, 200), "A", "",
     C.SUBSIDY, D.APPLY, "从事农业生产的个人和农业生产经营组织（含农民专业合作社、家庭农场）。",
     ["补贴申请表", "购机发票", "身份证明或营业执照"], ["购机", "在线申请", "县农业农村局核验", "资金兑付"],
     "县农业农村局农机股 0533-3226004"),
    ("wlj", "wlj", "沂源县乡村旅游精品民宿奖补办法", "源文旅发〔{year}〕3号", (2, 10), (-250, -60), "H,R", "",
     C.SUBSIDY, D.APPLY, "新评定为省级以上精品民宿、合法经营满1年的民宿经营主体。", ["奖补申请表", "评定文件", "营业执照"],
     ["提交申请", "县文化和旅游局审核", "公示", "拨付"], "县文化和旅游局产业股 0533-3227002"),
    ("spj", "spj", "沂源县新开办企业免费刻章和寄递服务", "源审批发〔{year}〕1号", (2, 1), (-270, 300), "", "",
     C.OTHER, D.APPLY, "在沂源县新设立登记的企业。", ["企业设立登记申请（在“一窗受理”时勾选免费刻章和寄递）"],
     ["企业在政务服务大厅或“爱山东”办理设立登记", "同步免费刻制公章", "营业执照和印章免费寄递"],
     "县行政审批服务局企业开办专区 0533-3228001"),
]

# (unit, quarters back): pushes that were sent, six days after the quarter's end (a push with nothing new and
# nothing still open on that day is skipped). 县商务局 had policies in the last two quarters and did not push.
PUSHES = [("gxj", 2), ("gxj", 1), ("rsj", 2), ("rsj", 1), ("kjj", 1), ("spj", 2), ("spj", 1), ("wlj", 2), ("wlj", 1)]


def _org(key):
    return Organization.objects.filter(name=BY_KEY[key].name).first()


def load(stdout=None) -> None:
    today = timezone.localdate()
    current = Quarter.of(today)
    created = pushed = 0
    for (unit, department, title, number, (back, day), (start, end), industries, sizes, category, delivery,
         conditions, materials, procedure, contact) in POLICIES:
        organization, handling = _org(unit), _org(department)
        if organization is None or InformationItem.objects.filter(organization=organization, title=title).exists():
            continue
        quarter = current
        for _n in range(back):
            quarter = quarter.previous()
        published = min(quarter.first_day + dt.timedelta(days=day), today - dt.timedelta(days=1))
        data = {"title": title, "doc_number": number.format(year=published.year), "formed_on": published,
                "written_on": published, "topic": Topic.ECONOMY, "keywords": "惠企政策 涉企政策",
                "summary": conditions[:100],
                "body": f"<p>{conditions}</p><p>具体申请条件、申报材料和办理流程见本政策的申报指南。</p>"}
        item = publishing.record_migrated_item(None, organization, data, [node_by_key(organization, NODE)],
                                               dt.datetime(published.year, published.month, published.day, 9, 30,
                                                           tzinfo=TZ))
        policy = EnterprisePolicy(item=item, conditions=conditions, materials=materials, procedure=procedure,
                                  department=handling, contact=contact, category=category, delivery=delivery,
                                  starts_on=today + dt.timedelta(days=start), ends_on=today + dt.timedelta(days=end))
        policy.starts_on = min(policy.starts_on, published)
        policy.industries = [code for code in industries.split(",") if code]
        policy.sizes = [code for code in sizes.split(",") if code]
        policy.save()
        created += 1
    for unit, back in PUSHES:
        organization = _org(unit)
        quarter = current
        for _n in range(back):
            quarter = quarter.previous()
        if organization is None or Digest.objects.filter(organization=organization, year=quarter.year,
                                                         quarter=quarter.number).exists():
            continue
        digest = Digest.objects.create(organization=organization, year=quarter.year, quarter=quarter.number,
                                       note="本季度涉企政策如下，欢迎符合条件的企业及时申报。")
        sent_on = quarter.last_day + dt.timedelta(days=6)
        if not _fill(digest, quarter, sent_on):
            digest.delete()
            continue
        new, still_open = digest_policies(digest)
        industries = digest_industries([*new, *still_open])
        Digest.objects.filter(pk=digest.pk).update(
            created_at=dt.datetime(sent_on.year, sent_on.month, sent_on.day, 9, 0, tzinfo=TZ) - dt.timedelta(days=1),
            state=Digest.State.SENT, sent_at=dt.datetime(sent_on.year, sent_on.month, sent_on.day, 10, 0, tzinfo=TZ),
            industries_code=",".join(industries) if industries else "")
        pushed += 1
    if stdout is not None and (created or pushed):
        stdout.write(f"涉企政策演示数据：新建 {created} 项政策、{pushed} 次季度推送。")
