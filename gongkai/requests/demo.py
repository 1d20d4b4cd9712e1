"""Demo 依申请公开 cases for 沂源县 (called by `gongkai load_demo`): one case in each interesting state,
dated in working days before the day of loading so their clocks are live (one overdue, one due soon,
one waiting for a third party, one whose applicant let the 补正 period run out, one filed late on the 大数据中心's register, an ordinary letter to confirm
today, a withdrawal, and a transfer answered under 第三十六条（五） with its linked case at the other unit). Every demo case can be
looked up on /yisqgk/lookup/ with its number and the query code DEMO-YYGK-2026.
Idempotent: a case is found again by the key in its 备注.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.letters import registry
from gongkai.letters import services as letters
from gongkai.organizations.models import Organization
from gongkai.requests import demo_2025
from gongkai.requests.letter_texts import GROUP
from gongkai.requests.models import RequestCase
from gongkai.requests.services import filing, handling, intake, interruptions, replies
from gongkai.requests.services.intake import query_code_digest
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

DEMO_QUERY_CODE = "DEMO-YYGK-2026"
OFFICE, CULTURE, NANMA = "沂源县人民政府办公室", "沂源县文化和旅游局", "沂源县南麻街道办事处"
# The units' own 代字 for their 依申请公开 letters (源政信复〔2026〕12号 and so on).
PREFIXES = {OFFICE: "源政信", CULTURE: "源文旅信", NANMA: "南街办信"}
PERSON = {"applicant_type": "natural_person", "form_wanted": "electronic", "delivery_wanted": "online"}


def _ago(cal: WorkdayCalendar, today: dt.date, workdays: int) -> dt.date:
    day, left = today, workdays
    while left:
        day -= dt.timedelta(days=1)
        if cal.is_workday(day):
            left -= 1
    return day


def _users(prefix: str) -> tuple:
    return (User.objects.filter(username=f"{prefix}_xxy").first(), User.objects.filter(username=f"{prefix}_shy").first())


CASES = [
    # key, unit, user prefix, applicant, information, what to do
    ("pending", OFFICE, "bgs", {"applicant_name": "张明", "id_number": "370323198805126617", "phone": "13953312345",
                                "info_title": "2020年县政府常务会议议定事项", "info_description": "请公开2020年县政府常务会议研究的城区供热价格调整议定事项。"}),
    ("accepted", CULTURE, "wlj", {"applicant_name": "李华", "phone": "13853398765",
                                  "info_title": "鲁山景区门票价格调整文件", "info_description": "请提供2020年鲁山景区门票价格调整的批复文件。"}),
    ("correction", CULTURE, "wlj", {"applicant_name": "王建国", "email": "wjg@example.cn",
                                    "info_description": "请提供你局所有的文件。"}),
    # 第三十条: the applicant never answered the 补正 notice; its period has run out (已届满) and the unit
    # has still to close the case as 逾期不补正.
    ("correction_lapsed", NANMA, "nmjd", {"applicant_name": "马立新", "phone": "13583317788",
                                          "info_description": "请公开街道的有关补偿材料。"}),
    ("third_party", OFFICE, "bgs", {"applicant_type": "commercial", "applicant_name": "沂源县某建筑工程有限公司",
                                    "id_number": "91370323MA3C0RYL56", "contact_person": "赵工", "phone": "0533-3225566",
                                    "info_title": "县城区道路改造工程招标文件及投标报价",
                                    "info_description": "请公开2020年城区道路改造工程的招标文件和各投标人的投标报价。"}),
    ("review", NANMA, "nmjd", {"applicant_name": "孙丽", "phone": "15006431122",
                               "info_title": "南麻街道2020年危房改造补助名单",
                               "info_description": "请公开南麻街道2020年农村危房改造补助对象名单及补助标准。"}),
    ("overdue", CULTURE, "wlj", {"applicant_name": "周强", "phone": "13561789900",
                                 "info_title": "2020年文化惠民演出经费使用情况", "info_description": "请提供2020年送戏下乡演出经费的预算和使用情况。"}),
    ("filed", OFFICE, "bgs", {"applicant_name": "刘洋", "email": "liuyang@example.cn",
                              "info_title": "沂源县2020年政务公开工作要点", "info_description": "请提供源政办字〔2020〕66号文件全文。"}),
    # 第三十一条（二）: a letter by ordinary mail, registered today and still to be confirmed today.
    ("letter", NANMA, "nmjd", {"applicant_name": "陈淑芬", "address": "沂源县南麻街道振兴路18号", "postcode": "256100",
                               "info_title": "南麻街道2020年低保户名单",
                               "info_description": "请公开南麻街道2020年城乡低保对象名单及保障金额。"}),
    # 申请人撤回: the applicant found the document online and withdrew.
    ("withdrawn", CULTURE, "wlj", {"applicant_name": "吴敏", "phone": "13705336688",
                                   "info_title": "2020年非遗传承人补助标准",
                                   "info_description": "请提供2020年县级非物质文化遗产代表性传承人补助标准的文件。"}),
    # 第三十六条（五）: 南麻街道 does not hold the county meeting's minutes; it answers so and passes it on.
    ("transferred", NANMA, "nmjd", {"applicant_name": "高峰", "phone": "13964456677",
                                    "info_title": "2020年县政府常务会议纪要（城区供暖）",
                                    "info_description": "请公开2020年县政府常务会议关于城区集中供暖的会议纪要。"}),
]


def _provide_published(editor, case) -> None:
    """The 工作要点 the applicant asked for is published: the reply links it (网上查询下载)."""
    from gongkai.publishing.models import InformationItem
    from gongkai.requests.services import disclosure

    item = (InformationItem.objects.live().filter(organization=case.organization, title__contains="政务公开工作要点")
            .exclude(index_no=None).order_by("pk").first())
    if item is not None:
        disclosure.attach_item(editor, case, item.index_no)


def _build(key, org, editor, reviewer, cal, today):
    """Walk one case to its demo state; returns the case."""
    data = {**PERSON, **dict(CASES_BY_KEY[key])}
    if key == "pending":
        return intake.submit_online(org, data).case
    if key == "letter":
        return intake.register(editor, org, data, channel="letter").case
    ages = {"accepted": 2, "correction": 4, "third_party": 12, "review": 18, "overdue": 25, "filed": 30,
            "withdrawn": 9, "transferred": 6, "correction_lapsed": 24}
    received = _ago(cal, today, ages[key])
    case = intake.register(editor, org, data, channel="in_person", received_on=received).case
    if key == "accepted":
        return case
    if key == "transferred":
        office = Organization.objects.filter(name=OFFICE, is_active=True).first()
        if office is None:
            return case
        intake.transfer(editor, case, office, "县政府常务会议纪要由县人民政府办公室制作并负责公开",
                        on=_ago(cal, today, 2))
        return case
    if key == "correction":
        handling.request_correction(editor, case, "申请内容不明确，请写明所需文件的名称、文号或形成时间等特征。", 15,
                                    _ago(cal, today, 3))
        return case
    if key == "correction_lapsed":
        handling.request_correction(editor, case, "申请内容不明确，请写明所需补偿材料涉及的项目名称、村（社区）和年份。",
                                    15, _ago(cal, today, 22))
        return case
    handling.start_handling(editor, case)
    if key == "third_party":
        consultation = handling.consult(editor, case, "third_party", "沂源县某路桥工程有限公司",
                                        "该公司的投标报价明细是否同意公开", _ago(cal, today, 8))
        handling.record_letter_received(editor, consultation, _ago(cal, today, 7))
    elif key == "review":
        replies.draft_reply(editor, case, {"outcome": "部分公开",
                                           "reply_content": "提供补助标准和补助对象所在村、补助金额汇总。"},
                            [{"description": "补助对象的身份证号码和家庭住址", "article": "art15_third_party",
                              "reason": "属于个人隐私，公开会损害第三方合法权益"}])
    elif key == "withdrawn":
        interruptions.withdraw(editor, RequestCase.objects.get(pk=case.pk), _ago(cal, today, 3),
                               "申请人来电称已在县政府门户网站查到该文件，书面申请撤回")
    elif key == "filed":
        _provide_published(editor, case)
        replies.draft_reply(editor, case, {"outcome": "予以公开", "answer_code": "36-1",
                                           "reply_content": "请登录沂源县人民政府门户网站“政府信息公开”栏目，在线查阅、下载。"})
        replies.approve_reply(reviewer, case, _ago(cal, today, 20))
        replies.deliver(editor, case, "email", _ago(cal, today, 19), note="电子邮件送达")
        filing.file_case(editor, RequestCase.objects.get(pk=case.pk))
    return case


CASES_BY_KEY = {key: applicant for key, _unit, _prefix, applicant in CASES}


def _letter_prefixes() -> None:
    """Give each demo unit its own 代字 (a unit admin would set it in 文书模板)."""
    for name, base in PREFIXES.items():
        org = Organization.objects.filter(name=name).first()
        if org is None:
            continue
        for spec in registry.specs(GROUP):
            template = letters.template_for(org, spec.key)
            if template.pk is None:
                template.doc_prefix = f"{base}{spec.prefix_suffix}"
                template.save()


def load(stdout=None) -> None:
    today = timezone.localdate()
    cal = WorkdayCalendar()
    created = 0
    _letter_prefixes()
    for key, unit_name, prefix, _applicant in CASES:
        marker = f"【演示数据:{key}】"
        if RequestCase.objects.filter(note__contains=marker).exists():
            continue
        org = Organization.objects.filter(name=unit_name).first()
        editor, reviewer = _users(prefix)
        if org is None or editor is None or reviewer is None:
            continue
        try:
            with transaction.atomic():
                case = _build(key, org, editor, reviewer, cal, today)
                case = RequestCase.objects.get(pk=case.pk)
                case.note = marker
                case.query_code_digest = query_code_digest(case.tracking_number, DEMO_QUERY_CODE)
                case.save(update_fields=["note", "query_code_digest"])
        except UnknownYearError as exc:  # a calendar year not entered yet: skip, say why
            if stdout:
                stdout.write(f"依申请公开演示数据“{key}”未加载：{exc}")
            continue
        created += 1
    units = {prefix: Organization.objects.filter(name=name).first() for _k, name, prefix, _a in CASES}
    created += demo_2025.load(units, _users, DEMO_QUERY_CODE)
    if stdout and created:
        stdout.write(f"依申请公开：演示申请 {created} 件（查询码 {DEMO_QUERY_CODE}）")
