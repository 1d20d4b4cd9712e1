"""Demo 政策解读 (called by `gongkai load_demo` after the regulations demo): interpretations in several
forms, published a day or two after their policies, by the department that drafted each (谁起草谁解读).
Two policies are left without one, so the 政务公开办's 同步 findings list has content."""

import datetime as dt
from zoneinfo import ZoneInfo

from gongkai.catalog.services import node_by_key
from gongkai.demo.data.organizations import BY_KEY
from gongkai.interpretations.models import Interpretation, PolicyLink
from gongkai.organizations.models import Organization
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Topic
from gongkai.publishing.models import InformationItem

TZ = ZoneInfo("Asia/Shanghai")
F = Interpretation.Form

# (drafting unit, title, form, interpreter, media url, published, policy 文号s, topic, paragraphs)
INTERPRETATIONS = [
    ("ybj", "图解：《沂源县人民政府关于修改〈沂源县城乡居民医疗救助办法〉的决定》", F.GRAPHIC, "市医疗保障局沂源分局", "",
     "2024-03-21", ["源政发〔2024〕4号", "源政发〔2022〕11号"], Topic.HEALTH_SPORTS,
     ["一图读懂：重特大疾病医疗救助年度最高限额由5万元提高到8万元。",
      "救助对象：特困人员、低保对象、返贫致贫人口、低保边缘家庭成员和因病致贫重病患者。",
      "办理方式：符合条件的救助对象在定点医疗机构“一站式”结算，无需另行申请。"]),
    ("ybj", "《沂源县城乡居民医疗救助办法》政策解读", F.TEXT, "市医疗保障局沂源分局负责人", "",
     "2022-08-16", ["源政发〔2022〕11号"], Topic.HEALTH_SPORTS,
     ["一、出台背景：为健全多层次医疗保障体系，防止因病致贫返贫，制定本办法。",
      "二、主要内容：明确救助对象、救助标准、救助程序和部门职责。",
      "三、新旧政策差异：将低保边缘家庭成员纳入救助范围，取消起付线。"]),
    ("fgj", "《沂源县优化营商环境若干措施》政策解读", F.TEXT, "县发展和改革局主要负责人", "",
     "2022-04-02", ["源政发〔2022〕6号"], Topic.ECONOMY,
     ["一、制定目的：对标一流营商环境，推动“放管服”改革向纵深发展。",
      "二、主要措施：企业开办一日办结，工程建设项目审批“一张表单”，涉企收费清单化管理。"]),
    ("fgj", "沂源县优化营商环境若干措施新闻发布会", F.PRESS_CONFERENCE, "县政府新闻发言人",
     "https://video.example.org/yiyuan/20220406-yingshang.mp4", "2022-04-06", ["源政发〔2022〕6号"], Topic.ECONOMY,
     ["4月6日，县政府新闻办召开新闻发布会，解读《沂源县优化营商环境若干措施》，并回答记者提问。"]),
    ("mzj", "《沂源县城乡居民最低生活保障办法》问答", F.QA, "县民政局", "", "2025-03-11", ["源政发〔2025〕2号"],
     Topic.CIVIL_AFFAIRS,
     ["问：哪些家庭可以申请最低生活保障？答：共同生活的家庭成员人均收入低于当地低保标准，且财产状况符合规定的家庭。",
      "问：到哪里申请？答：向户籍所在地镇人民政府（街道办事处）提出书面申请，也可通过“爱山东”政务服务平台在线申请。"]),
    ("mzj", "视频解读：《沂源县城乡居民最低生活保障办法》", F.VIDEO, "县民政局社会救助股负责人",
     "https://video.example.org/yiyuan/20250312-dibao.mp4", "2025-03-12", ["源政发〔2025〕2号"], Topic.CIVIL_AFFAIRS,
     ["视频时长6分钟，介绍低保申请条件、办理流程和监督举报渠道。"]),
    ("zhzfj", "专家解读：城区共享电动自行车为何要“定点停放”", F.EXPERT, "山东理工大学交通与车辆工程学院教授（示例）", "",
     None, ["源政办发〔{year}〕21号"], Topic.URBAN_ENVIRONMENT,
     ["定点停放是城市精细化管理的通行做法，既方便群众使用，也减少占用盲道、消防通道的现象。"]),
]


def _org(key):
    return Organization.objects.filter(name=BY_KEY[key].name).first()


def load(stdout=None) -> None:
    created = 0
    # The 暂行 规范性文件 of the regulations demo, read through the item (this app does not import
    # gongkai.regulations, which shows interpretations on its pages).
    bike = (InformationItem.objects.filter(doc_number__endswith="〕21号", organization__name=BY_KEY["bgs"].name,
                                           title__contains="共享电动自行车", normative__isnull=False)
            .values("doc_number", "normative__promulgated_on").first())
    for org_key, title, form, interpreter, url, published, numbers, topic, paragraphs in INTERPRETATIONS:
        organization = _org(org_key)
        if organization is None or InformationItem.objects.filter(organization=organization, title=title).exists():
            continue
        if published is None:  # the 暂行 document dated from today: interpreted the day after it
            if bike is None:
                continue
            numbers = [bike["doc_number"]]
            day = bike["normative__promulgated_on"] + dt.timedelta(days=1)
        else:
            day = dt.date.fromisoformat(published)
        policies = list(InformationItem.objects.filter(doc_number__in=numbers, normative__isnull=False))
        if not policies:
            continue
        data = {"title": title, "formed_on": day, "topic": topic, "keywords": "政策解读",
                "summary": paragraphs[0][:100], "body": "".join(f"<p>{p}</p>" for p in paragraphs)}
        item = publishing.record_migrated_item(None, organization, data, [node_by_key(organization, "plan.interpretation")],
                                               dt.datetime(day.year, day.month, day.day, 15, 0, tzinfo=TZ))
        interpretation = Interpretation.objects.create(item=item, form=form, interpreter=interpreter, media_url=url)
        order = {number: n for n, number in enumerate(numbers)}
        policies.sort(key=lambda p: order[p.doc_number])
        PolicyLink.objects.bulk_create([PolicyLink(interpretation=interpretation, policy=p, position=n)
                                        for n, p in enumerate(policies)])
        created += 1
    if stdout is not None and created:
        stdout.write(f"政策解读演示数据：新建 {created} 条。")
