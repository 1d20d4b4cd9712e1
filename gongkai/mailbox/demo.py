"""Demo messages for 沂源县 (called by `gongkai load_demo`): about three dozen over the last five months,
most answered on time, some published and rated; one open and waiting to be accepted, one transferred,
one answered late, and one left unanswered for more than 3 months at 县住房和城乡建设局 so the
inspection's veto rule (messages_unanswered) has exactly one thing to find. Dates are counted back in
working days from the day of loading. Every demo message can be looked up with its number and the
query code DEMO-YYGK-2026. Idempotent: nothing is created when the first demo message exists.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.mailbox import services
from gongkai.mailbox.models import Message, MessageEvent
from gongkai.organizations.models import Organization
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

DEMO_QUERY_CODE = "DEMO-YYGK-2026"
ROOT = "沂源县人民政府"
WLJ, JYJ, ZJJ, WJJ, NMJD, ZFJ, RSJ, JTJ = ("沂源县文化和旅游局", "沂源县教育和体育局", "沂源县住房和城乡建设局",
                                          "沂源县卫生健康局", "沂源县南麻街道办事处", "沂源县综合行政执法局",
                                          "沂源县人力资源和社会保障局", "沂源县交通运输局")

# (addressee, handled by (None: the addressee), kind, subject, content, reply, received N workdays ago (3 of them
#  are answered after their period),
#  replied after M workdays (None: open), may publish, published, rating)
SPECS = [
    (ROOT, JYJ, "consult", "城区小学招生划片范围什么时候公布", "孩子今年秋季上一年级，想知道城区各小学的招生划片范围什么时候公布，在哪里可以查到？",
     "您好！2026年城区义务教育学校招生划片范围将于5月下旬在县政府网站“政府信息公开—教育”栏目和县教育和体育局微信公众号同时公布，届时可按户籍和房产所在地查询对应学校。感谢您的关注。", 95, 4, True, True, "satisfied"),
    (WLJ, None, "consult", "鲁山景区老年人门票优惠政策", "请问鲁山森林公园对本地60岁以上老人有没有门票优惠？需要带什么证件？",
     "您好！鲁山森林公园对60周岁以上老年人实行门票半价，70周岁以上免票，凭本人身份证或老年证在售票处办理。节假日政策相同。", 90, 3, True, True, "satisfied"),
    (ZJJ, None, "complaint", "小区电梯长期故障无人维修", "我住的小区3号楼电梯已经坏了一个多月，物业一直说在等配件，老人上下楼非常困难，请主管部门督促。",
     "您好！接到留言后，我局物业管理科于次日到现场核实，已约谈物业服务企业，要求10日内完成维修。目前电梯已修复并通过检验，恢复运行。今后我局将加强对该小区物业服务的日常监督。", 88, 9, True, True, "basically"),
    (ROOT, WJJ, "suggestion", "建议县医院增加周末专家门诊", "在外地工作的人只能周末回来看病，建议县人民医院周六上午也开设部分专家门诊。",
     "您好！感谢您的建议。经与县人民医院研究，自下月起县人民医院周六上午开设心内科、消化内科、骨科三个专家门诊，可通过医院公众号预约。", 85, 12, True, True, "satisfied"),
    (NMJD, None, "help", "老旧小区楼道照明损坏", "南麻街道某老旧小区2号楼楼道灯全部不亮，晚上很不安全，没有物业，不知道找谁。",
     "您好！街道城建办已于接到留言后3日内安排社区更换了2号楼全部楼道灯，并将该小区纳入今年老旧小区改造计划统筹解决照明问题。", 80, 5, True, True, "satisfied"),
    (RSJ, None, "consult", "灵活就业人员如何缴纳养老保险", "我是灵活就业人员，想咨询在哪里办理城镇职工养老保险参保，缴费档次怎么选？",
     "您好！灵活就业人员可持身份证到县政务服务中心社保窗口或通过“山东人社”APP办理参保登记，缴费基数可在全省上年度就业人员平均工资的60%至300%之间自主选择。", 78, 2, True, True, "satisfied"),
    (ZFJ, None, "complaint", "夜间建筑施工噪音扰民", "城区某工地每天晚上十一点以后还在施工，噪音很大，影响休息。",
     "您好！我局执法人员于当晚到现场核查，确认该工地未办理夜间施工许可，已依法责令停止夜间施工并立案调查。如再发现类似情况，可随时拨打12345反映。", 75, 3, True, True, "basically"),
    (WLJ, None, "suggestion", "建议图书馆延长开放时间", "县图书馆晚上六点就闭馆，上班族没时间去，建议延长到晚上八点。",
     "您好！感谢您的建议。县图书馆自本月起周二至周五开放时间延长至20:00，周末照常开放。", 70, 10, True, False, ""),
    (JTJ, None, "consult", "城乡公交老年卡办理", "70岁老人办理免费乘坐城乡公交的老年卡需要哪些材料？",
     "您好！70周岁以上老年人持本人身份证和一寸照片到县公交公司营业厅即可办理免费乘车卡，当场办结。", 68, 2, True, True, "satisfied"),
    (ROOT, None, "consult", "县长信箱能否反映企业经营困难", "我们是一家小微企业，想反映融资方面的困难，可以通过县长信箱反映吗？",
     "您好！可以。县长信箱受理企业和群众的咨询、建议、投诉和求助。涉及融资的问题，也可直接联系县金融证券工作服务中心，我们会协调相关部门与您对接。", 66, 4, True, True, "satisfied"),
    (JYJ, None, "consult", "校外培训机构资质查询", "怎么查询一家校外培训机构有没有办学许可证？",
     "您好！可在“全国校外教育培训监管与服务综合平台”或县教育和体育局网站“校外培训机构白名单”栏目查询。", 60, 3, True, True, "satisfied"),
    (WJJ, None, "help", "家庭医生签约怎么办理", "我想为家里老人签约家庭医生，需要去哪里办理？",
     "您好！可到户籍所在地或居住地的社区卫生服务站（村卫生室）办理家庭医生签约，65岁以上老年人签约后每年可享受一次免费健康体检。", 58, 4, True, False, ""),
    (NMJD, None, "suggestion", "建议在社区增设快递驿站", "小区没有快递驿站，快递经常丢失，建议社区协调增设。",
     "您好！感谢您的建议。社区已与两家快递企业协商，在小区东门设置快递驿站，预计下月投入使用。", 55, 14, False, False, "basically"),
    (ZJJ, None, "consult", "住房公积金提取条件", "租房可以提取住房公积金吗？需要什么材料？",
     "您好！职工在本县无自有住房且租赁住房的，可凭身份证、租赁合同等材料申请提取住房公积金，具体以淄博市住房公积金管理中心沂源分中心的规定为准。", 52, 3, True, True, "satisfied"),
    (ZFJ, None, "complaint", "占道经营影响通行", "城区某路段早市占道经营，早高峰车辆无法通行。",
     "您好！我局已会同交警部门对该路段进行整治，划定早市经营时段和区域，并安排执法人员每日早高峰巡查。", 50, 8, True, True, "unsatisfied"),
    (RSJ, None, "help", "被拖欠工资如何维权", "在某工地打工，老板拖欠两个月工资，不知道怎么办。",
     "您好！请携带身份证、考勤记录等材料到县劳动保障监察大队投诉，或拨打12333。我局已根据您提供的线索与该项目总包单位联系，督促其依法支付。", 48, 6, False, False, "satisfied"),
    (WLJ, None, "consult", "文化惠民演出时间", "今年的文化惠民演出什么时候开始？在哪里可以看到安排？",
     "您好！今年文化惠民演出自6月起在各镇（街道）巡演，具体时间地点在县文化和旅游局网站和公众号每周公布。", 45, 2, True, True, "satisfied"),
    (JTJ, None, "suggestion", "建议增加到开发区的公交班次", "早晚高峰到开发区的公交车太挤，建议增加班次。",
     "您好！感谢您的建议。自下周一起，开往经济开发区的3路公交车早晚高峰班次间隔由20分钟缩短为10分钟。", 42, 9, True, True, "satisfied"),
    (JYJ, None, "complaint", "学校周边交通拥堵", "某小学门口放学时段拥堵严重，存在安全隐患。",
     "您好！我局已会同公安交警部门在该校周边设置临时停车区，并在放学时段安排交警和志愿者疏导。", 40, 16, True, True, "basically"),
    (WJJ, None, "consult", "新生儿出生医学证明办理", "孩子在外地医院出生，出生医学证明丢了怎么补办？",
     "您好！出生医学证明遗失的，可向出生时的签发机构申请补发，需提供父母身份证、户口簿及遗失声明等材料。", 38, 3, True, True, "satisfied"),
    (ROOT, NMJD, "help", "小区门口路灯不亮", "南麻街道某小区门口的两盏路灯坏了很久，晚上出行不便。",
     "您好！街道已安排维修人员更换了灯具，路灯已恢复照明。", 35, 4, True, True, "satisfied"),
    (ZJJ, None, "suggestion", "建议公开老旧小区改造名单", "希望住建局公开今年老旧小区改造的小区名单和进度。",
     "您好！感谢您的建议。2026年老旧小区改造计划名单已在县政府网站“重点领域信息公开—保障性住房”栏目公开，改造进度每季度更新。", 30, 10, True, True, "satisfied"),
    (RSJ, None, "consult", "退休人员资格认证", "退休人员每年的资格认证在哪里做？",
     "您好！可通过“山东人社”APP或“掌上12333”刷脸认证，也可到社区服务站协助认证，全年均可办理。", 28, 2, True, True, "satisfied"),
    (WLJ, JYJ, "consult", "中小学生研学活动安排", "文旅局是否组织中小学生研学活动？想了解今年的安排。",
     "您好！中小学生研学实践活动由县教育和体育局统筹组织，今年的研学基地名单和线路已在县教育和体育局网站公布。", 25, 8, True, True, "basically"),
    (NMJD, None, "complaint", "垃圾清运不及时", "小区垃圾桶经常满溢，清运不及时，夏天气味很大。",
     "您好！街道环卫所已将该小区垃圾清运频次由每日一次调整为每日两次，并增设了4个垃圾桶。", 22, 6, True, True, "satisfied"),
    (ZFJ, None, "consult", "门头招牌设置需要审批吗", "新开的店铺设置门头招牌需要办理什么手续？",
     "您好！设置门头招牌需向县综合行政执法局申请户外广告设置许可，可在县政务服务中心综合窗口或网上办理，材料齐全的当场受理。", 18, 16, True, False, ""),  # answered late
    (JYJ, None, "consult", "学生资助政策咨询", "家庭经济困难的高中生可以申请哪些资助？",
     "您好！普通高中家庭经济困难学生可申请国家助学金和免学杂费，具体由学校学生资助中心受理，每学期开学后一个月内申请。", 15, 3, False, False, ""),
    (WJJ, None, "suggestion", "建议公布各医院挂号电话", "建议在卫健局网站集中公布全县各医院的预约挂号电话。",
     "您好！感谢您的建议。全县医疗机构预约挂号电话已汇总在县卫生健康局网站“便民服务”栏目。", 12, 5, True, True, ""),
    (ROOT, None, "consult", "政府信息公开申请怎么提交", "想申请公开某个项目的批复文件，应该怎么提交？",
     "您好！可通过县政府网站“依申请公开”栏目在线提交申请，或到县政府办公室政府信息公开工作机构当面提交。", 10, 2, True, True, "satisfied"),
    (JTJ, None, "complaint", "公交车不按站点停靠", "3路公交车有时不在某站停靠，乘客等车很久。",
     "您好！我局已约谈公交公司，对当班驾驶员进行了批评教育，并在车辆安装到站语音提示，保证按站点停靠。", 8, 4, True, False, ""),
]
# The writers' names, one per message (SPECS, then OPEN_SPECS): staff see them, so they read as real names.
WRITERS = (
    "张秀英", "王建国", "李桂兰", "刘洪涛", "陈玉梅", "杨德福", "赵丽娟", "黄志强", "周淑珍", "吴海波",
    "徐春燕", "孙立军", "马红霞", "朱文斌", "胡晓燕", "郭长青", "何素芳", "高永胜", "林美玲", "罗振华",
    "郑桂芝", "梁建华", "谢秀梅", "宋国庆", "唐丽萍", "许志刚", "韩玉兰", "冯宝山", "邓晓红", "曹明亮",
    "彭淑华", "曾庆祥", "田春梅", "董立新",
)
# (key, addressee, kind, subject, content, received N workdays ago, state)
OPEN_SPECS = [
    ("overdue", ZJJ, "complaint", "小区违建长期未处理", "某小区一楼住户私自扩建院墙，侵占公共绿地，多次向社区反映未解决，希望主管部门依法处理。",
     90, "processing"),
    ("open", WLJ, "consult", "非遗传承人申报条件", "想了解县级非物质文化遗产代表性传承人的申报条件和时间。", 1, "submitted"),
    ("transferred", ROOT, "help", "农村道路破损需维修", "某村通往镇上的道路破损严重，雨天无法通行，希望尽快维修。", 4, "transferred"),
    ("processing", NMJD, "suggestion", "建议社区增设老年食堂", "社区老人多，子女不在身边，建议社区开办老年食堂。", 3, "processing"),
]
FAQS = [
    (JYJ, "招生入学", "城区小学招生划片范围在哪里查询？",
     "每年5月下旬在县政府网站“政府信息公开—教育”栏目和县教育和体育局微信公众号公布，可按户籍和房产所在地查询。"),
    (JYJ, "学生资助", "家庭经济困难的高中生可以申请哪些资助？",
     "可申请国家助学金和免学杂费，由学校学生资助中心受理，每学期开学后一个月内申请。"),
    (RSJ, "社会保险", "灵活就业人员如何参加养老保险？",
     "持身份证到县政务服务中心社保窗口或通过“山东人社”APP办理参保登记，缴费基数在全省上年度就业人员平均工资的60%至300%之间自主选择。"),
    (RSJ, "社会保险", "退休人员资格认证在哪里做？", "通过“山东人社”APP或“掌上12333”刷脸认证，也可到社区服务站协助认证，全年均可办理。"),
    (WLJ, "景区门票", "老年人游览鲁山森林公园有优惠吗？", "60周岁以上半价，70周岁以上免票，凭身份证或老年证办理。"),
    (JTJ, "公交出行", "老年人免费乘车卡怎么办理？", "70周岁以上老年人持身份证和一寸照片到县公交公司营业厅办理，当场办结。"),
    (ZJJ, "住房保障", "租房可以提取住房公积金吗？", "在本县无自有住房且租赁住房的职工，可凭身份证、租赁合同等材料申请提取。"),
]


def _ago(cal: WorkdayCalendar, today: dt.date, workdays: int) -> dt.date:
    day, left = today, workdays
    while left:
        day -= dt.timedelta(days=1)
        if cal.is_workday(day):
            left -= 1
    return day


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _handler(org: Organization, users: dict):
    """The unit's 信息员 where the demo has one, the 政务公开办 for the county government, else the superuser."""
    keys = {"沂源县人民政府办公室": "bgs_xxy", "沂源县文化和旅游局": "wlj_xxy", "沂源县南麻街道办事处": "nmjd_xxy",
            ROOT: "gkb"}
    return users.get(keys.get(org.name, "")) or users.get("admin")


def _date_events(message: Message, days: list[dt.date]) -> None:
    for event, day in zip(message.events.order_by("pk"), days, strict=False):
        MessageEvent.objects.filter(pk=event.pk).update(at=_at(day, 9 + event.pk % 8))


def load(stdout=None) -> None:
    if Message.objects.filter(subject=SPECS[0][3]).exists():
        return
    orgs = {o.name: o for o in Organization.objects.all()}
    if ROOT not in orgs:
        return
    users = {u.username: u for u in User.objects.filter(username__in=["gkb", "bgs_xxy", "wlj_xxy", "nmjd_xxy", "admin"])}
    dispatcher = users.get("gkb") or users.get("admin")
    today = timezone.localdate()
    cal = WorkdayCalendar()
    created = 0
    pks = []
    try:
        with transaction.atomic():
            for n, (to, handled_by, kind, subject, content, reply, ago, after, may_publish, publish, rating) in enumerate(SPECS):
                addressee = orgs.get(to)
                if addressee is None:
                    continue
                received = _ago(cal, today, ago)
                data = {"kind": kind, "subject": subject, "content": content, "name": WRITERS[n],
                        "contact": f"1395331{n:04d}", "may_publish": may_publish}
                message = services.submit_online(addressee, data, today=received).message
                days = [received]
                day = cal.add_workdays(received, 1)
                if handled_by and orgs.get(handled_by):
                    message = services.route(dispatcher, message, orgs[handled_by], "请按职责答复留言人。")
                else:
                    message = services.accept(_handler(addressee, users), message)
                days.append(day)
                replied = cal.add_workdays(received, after)
                handler = _handler(message.organization, users)
                message = services.reply(handler, message, reply, today=replied)
                days.append(replied)
                if publish:
                    message = services.set_published(handler, message, True)
                    days.append(replied)
                if rating:
                    message = services.rate(message, rating)
                    days.append(min(today, cal.add_workdays(replied, 1)))
                _date_events(message, days)
                pks.append(message.pk)
                created += 1
            for n, (key, to, kind, subject, content, ago, state) in enumerate(OPEN_SPECS, start=len(SPECS)):
                addressee = orgs.get(to)
                if addressee is None:
                    continue
                received = _ago(cal, today, ago) if key != "overdue" else today - dt.timedelta(days=125)
                data = {"kind": kind, "subject": subject, "content": content, "name": WRITERS[n],
                        "contact": "demo@example.cn", "may_publish": True}
                message = services.submit_online(addressee, data, today=received).message
                days = [received, cal.add_workdays(received, 1)]
                if state == "processing":
                    message = services.accept(_handler(addressee, users), message)
                elif state == "transferred":
                    message = services.route(dispatcher, message, orgs.get(JTJ), "请按职责答复留言人。")
                    # 县交通运输局 finds the road is a village road: it transfers to the 南麻街道.
                    message = services.transfer(users.get("admin") or dispatcher, message, orgs.get(NMJD),
                                                "该道路为村级道路，由所在镇（街道）负责养护维修。")
                    days.append(cal.add_workdays(received, 2))
                _date_events(message, days)
                pks.append(message.pk)
                created += 1
            for to, topic, question, answer in FAQS:
                if orgs.get(to) and users.get("admin"):
                    services.save_faq(users["admin"], None, orgs[to], topic, question, answer)
            for message in Message.objects.filter(pk__in=pks):
                message.query_code_digest = services.query_code_digest(message.tracking_number, DEMO_QUERY_CODE)
                message.save(update_fields=["query_code_digest"])
    except UnknownYearError as exc:
        if stdout:
            stdout.write(f"政民互动演示数据未加载：{exc}")
        return
    if stdout and created:
        stdout.write(f"政民互动：演示留言 {created} 条（查询码 {DEMO_QUERY_CODE}），常见问题 {len(FAQS)} 条")
