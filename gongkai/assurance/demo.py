"""Demo data of the 政务公开办's toolkit, loaded by `gongkai load_demo` (gongkai.demo.loader calls `load`).

- the 回头看 checklist and its 2026 campaign, half answered: 县政府办公室 accepted, 县文旅局 submitted, 南麻街道
  returned for more detail, a few units without demo staff submitted, the rest still to answer;
- the 负面清单 of 沂源县 (public on /fmqd/), the county's leaders (fictional names) and their posts;
- three training sessions (县级, 部门, 乡镇) with attendance and a material;
- one published item of 沂源县信访局 naming 国务院办公厅 wrongly (the 严重错误 the checker finds); 信访局 is the
  unit the demo story already rates 不合格 (it fills no column), so the county's standing is unchanged;
- one inspection run (if the demo has none yet) and the 2026 绩效考核 computed from it, with 加减分, published.
Idempotent: nothing is created when the checklist exists.
"""

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.assurance.models import Answer, ChecklistItem, Response
from gongkai.assurance.services import assessment, errors, negative, selfcheck, training
from gongkai.organizations.models import Organization

COUNTY = "沂源县人民政府"
SUPERVISOR = "gkb"
YEAR = 2026

CHECKLIST = [
    ("是否明确政务公开工作分管负责人和工作机构，配齐配强专职工作人员", "《关于全面推进政务公开工作的意见》（中办发〔2016〕8号）第五部分"),
    ("是否建立并公开政府信息公开指南，写明第十二条规定的工作机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式",
     "条例第十二条"),
    ("是否编制并动态调整主动公开基本目录，目录内信息自形成或变更之日起20个工作日内公开", "条例第二十条、第二十六条"),
    ("是否建立健全政府信息公开审查机制，公开前依照保密法规进行保密审查", "条例第十七条"),
    ("依申请公开是否在法定期限内答复，答复书是否载明依据和救济途径", "条例第三十三条、第三十六条"),
    ("是否于每年1月31日前公布上一年度政府信息公开工作年度报告", "条例第四十九条"),
    ("重要政策文件是否与解读材料同步组织、同步审签、同步部署", "《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）"),
    ("重大行政决策是否在决策前向社会公开征求意见并反馈采纳情况", "《关于全面推进政务公开工作的意见》第二部分；条例第十九条"),
]

NEGATIVE = [
    ("依法确定为国家秘密的政府信息", "art14_secret", "《中华人民共和国保守国家秘密法》第十三条、第十四条",
     "标有密级标志的文件、资料及其摘编、汇编", "上级机关或本机关定密的文件、会议纪要、统计资料中的涉密部分"),
    ("法律、行政法规禁止公开的政府信息", "art14_law", "《中华人民共和国统计法》第三十九条等",
     "法律、行政法规明确规定不得公开的信息", "统计调查中获得的能够识别或者推断单个统计调查对象身份的资料"),
    ("公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息", "art14_security", "",
     "需结合具体情形审查", "重要基础设施的安全防护方案、应急物资储备库具体位置"),
    ("涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害的信息", "art15_third_party",
     "《中华人民共和国个人信息保护法》第二十八条",
     "第三方同意公开或不公开可能对公共利益造成重大影响的除外", "身份证号码、手机号码、家庭住址、病历、企业投标报价明细"),
    ("人事管理、后勤管理、内部工作流程等内部事务信息", "art16_internal", "", "", "干部考察材料、内部考勤记录"),
    ("讨论记录、过程稿、磋商信函、请示报告等过程性信息", "art16_process", "",
     "法律、法规、规章规定应当公开的除外", "会议讨论记录、征求意见稿的内部修改稿、请示件"),
    ("行政执法案卷信息", "art16_enforcement", "", "法律、法规、规章规定应当公开的除外", "行政处罚案卷中的询问笔录、证据材料"),
]

# Fictional names: the demo does not name real people.
LEADERS = [("韩立新", "县委书记"), ("陶文博", "县委副书记、县长"), ("耿志远", "县委常委、常务副县长"), ("柏晓岚", "副县长")]

SERIOUS_TITLE = "沂源县信访局关于学习贯彻《信访工作条例》的通知"
SERIOUS_BODY = ("<p>各科室、各信访工作站：</p><p>中共中央办公厅、国务院办公庁印发的《信访工作条例》自2022年5月1日起施行。"
                "为进一步做好新时代信访工作，现就认真学习贯彻条例有关事项通知如下。</p>"
                "<p>一、各科室要将条例纳入理论学习内容，结合矛盾纠纷多元化解工作抓好落实。</p>"
                "<p>二、县长陶文博在全县信访工作会议上提出的要求，各单位要逐项对照落实。</p>")

MANUAL = [("bgs", "3", "政务公开工作经验做法被省政府网站“政务公开看山东”专栏采用"),
          ("wlj", "1", "按时报送“政务公开在行动”专栏稿件"),
          ("xfj", "-2", "县政务公开办通报问题整改不及时")]


def _write(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _units(county) -> list[Organization]:
    return list(Organization.objects.filter(parent=county, is_active=True).order_by("sort_order", "id"))


def _user(username):
    return User.objects.filter(username=username).first()


def _by_key(key):
    from gongkai.demo.data.organizations import BY_KEY

    spec = BY_KEY.get(key)
    return Organization.objects.filter(name=spec.name).first() if spec else None


@transaction.atomic
def load(stdout=None):
    county = Organization.objects.filter(name=COUNTY).first()
    supervisor = _user(SUPERVISOR)
    if county is None or supervisor is None:
        _write(stdout, "保障措施演示数据：缺少沂源县人民政府或政务公开办用户，未导入。")
        return None
    if ChecklistItem.objects.filter(organization=county).exists():
        return None
    for n, (text, source) in enumerate(CHECKLIST, start=1):
        selfcheck.save_checklist_item(supervisor, {"text": text, "source": source, "position": n})
    for n, (title, basis, law, description, examples) in enumerate(NEGATIVE, start=1):
        negative.save_entry(supervisor, {"title": title, "basis": basis, "law": law, "description": description,
                                         "examples": examples, "position": n})
    for n, (name, post) in enumerate(LEADERS, start=1):
        errors.save_leader(supervisor, {"name": name, "post": post, "position": n})
    campaign = _campaign(county, supervisor)
    sessions = _training(county, supervisor)
    item = _serious_error_item()
    run = _inspection(supervisor)
    result = _assessment(supervisor)
    _write(stdout, f"保障措施演示数据：回头看自查“{campaign.title}”（{campaign.responses.count()}个单位）；"
                   f"负面清单{len(NEGATIVE)}条；培训{sessions}次；含严重错误的信息{1 if item else 0}条；"
                   f"{'检查1次；' if run else ''}{result}")
    return campaign


def _answers(response, rng, weak: float):
    items = list(response.campaign.items.all())
    data = {}
    for item in items:
        roll = rng.random()
        status = "done" if roll > weak else ("partial" if roll > weak / 3 else "not_done")
        data[item.pk] = {"status": status, "evidence": "",
                         "explanation": "" if status == "done" else rng.choice([
                             "已制定整改方案，计划年底前完成。", "专职人员不足，已向编办申请增配。",
                             "部分信息未及时公开，已逐项补录。"])}
    return data


def _campaign(county, supervisor):
    campaign = selfcheck.create_campaign(supervisor, {
        "title": f"{YEAR}年政务公开“回头看”自查", "year": YEAR, "due_on": dt.date(YEAR, 12, 20),
        "instructions": "对照新修订的《政府信息公开条例》和《关于全面推进政务公开工作的意见》及其实施细则，逐项自查落实情况，"
                        "如实填写，并附佐证链接。", "units": _units(county)})
    selfcheck.open_campaign(supervisor, campaign)
    rng = random.Random(15)
    staffed = {"bgs": ("bgs_xxy", "bgs_gly", "accept"), "wlj": ("wlj_xxy", "wlj_gly", "submit"),
               "nmjd": ("nmjd_xxy", "nmjd_gly", "return")}
    for key, (editor, admin, outcome) in staffed.items():
        unit = _by_key(key)
        response = Response.objects.filter(campaign=campaign, organization=unit).first()
        if response is None or _user(editor) is None:
            continue
        selfcheck.save_answers(_user(editor), response, _answers(response, rng, 0.35))
        selfcheck.submit_response(_user(admin), response)
        if outcome == "accept":
            selfcheck.review_response(supervisor, response, accept=True)
        elif outcome == "return":
            selfcheck.review_response(supervisor, response, accept=False,
                                      comment="第4项“保密审查机制”请说明审查流程和责任人，并附制度文件链接。")
    staffed_ids = {r.organization_id for r in campaign.responses.exclude(state=Response.State.PENDING)}
    others = [r for r in campaign.responses.filter(state=Response.State.PENDING).order_by("id")
              if r.organization_id not in staffed_ids]
    # About half the county answers: units without demo staff are filled straight into the table.
    for response in others[: max(0, campaign.responses.count() // 2 - len(staffed_ids))]:
        for item_id, data in _answers(response, rng, 0.3).items():
            Answer.objects.create(response=response, item_id=item_id, status=data["status"],
                                  explanation=data["explanation"])
        response.state, response.submitted_at = Response.State.SUBMITTED, timezone.now()
        response.save(update_fields=["state", "submitted_at"])
    return campaign


def _training(county, supervisor) -> int:
    from gongkai.demo.files import generic_pdf

    units = _units(county)
    rng = random.Random(2026)
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    given = "明华丽军静敏强磊洋艳勇杰娟涛超霞平刚"

    def names(n):
        return "\n".join(rng.choice(surnames) + rng.choice(given) + rng.choice(given) for _ in range(n))

    count = 0
    county_session = training.save_session(supervisor, county, {
        "held_on": dt.date(YEAR, 4, 16), "topic": "新修订《中华人民共和国政府信息公开条例》专题培训", "level": "county",
        "trainer": "县政务公开办 刘静", "place": "县政府第一会议室", "hours": 3,
        "summary": "解读条例主动公开、依申请公开答复规范和年度报告编制要求，通报上年度政务公开检查发现的问题。"})
    training.add_material(supervisor, county_session, SimpleUploadedFile("条例专题培训课件.pdf", generic_pdf()))
    for unit in units[: len(units) * 3 // 4]:
        training.add_attendance(supervisor, county_session, unit, names(rng.randint(1, 2)))
    count += 1
    for key, admin, level, topic, day in [
        ("wlj", "wlj_gly", "department", "文旅系统政务公开与保密审查业务培训", dt.date(YEAR, 6, 18)),
        ("nmjd", "nmjd_gly", "township", "南麻街道基层政务公开标准化规范化培训", dt.date(YEAR, 9, 9)),
    ]:
        unit, user = _by_key(key), _user(admin)
        if unit is None or user is None:
            continue
        session = training.save_session(user, unit, {
            "held_on": day, "topic": topic, "level": level, "trainer": "县政务公开办 刘静", "place": f"{unit.name}会议室",
            "hours": 2})
        training.add_attendance(user, session, unit, names(rng.randint(6, 12)))
        count += 1
    return count


def _serious_error_item():
    from gongkai.catalog.services import node_by_key
    from gongkai.publishing.services import record_migrated_item

    unit = _by_key("xfj")
    if unit is None:
        return None
    node = node_by_key(unit, "plan.notices")
    published = timezone.make_aware(dt.datetime(YEAR, 5, 6, 10, 0))
    return record_migrated_item(None, unit, {"title": SERIOUS_TITLE, "formed_on": dt.date(YEAR, 5, 6),
                                             "body": SERIOUS_BODY, "keywords": "信访 条例 学习"},
                                [node] if node else [], published_at=published)


def _inspection(supervisor):
    from gongkai.inspection.models import Run
    from gongkai.inspection.services import run_checks

    if Run.objects.filter(finished_at__isnull=False, checked_on__year=YEAR).exists():
        return None
    return run_checks(actor=supervisor, today=timezone.localdate() if timezone.localdate().year == YEAR
                      else dt.date(YEAR, 12, 1))


def _assessment(supervisor) -> str:
    created = assessment.create_assessment(supervisor, YEAR)
    for key, points, reason in MANUAL:
        unit = _by_key(key)
        if unit is not None:
            assessment.add_manual_item(supervisor, created, unit, points, reason)
    published = assessment.publish(supervisor, created)
    return f"{YEAR}年度绩效考核{len(published.results)}个单位已排名。"
