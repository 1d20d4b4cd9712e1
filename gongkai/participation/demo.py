"""Demo 公众参与 for 沂源县 (called by `gongkai load_demo`): the county government's 2026 重大行政决策事项目录
with its 标准 and five entries; one consultation open now (≥30 days) with published comments; one closed
with its 采纳情况 published and its decision linked; a 涉企 consultation with invited enterprises; one
hearing with its record; one 政府开放日 with registration open; one 网络问政 with its follow-up; a 政府常务
会议 with 列席 members of the public. Dates are relative to today, so "open now" stays true.
Idempotent: nothing is created when the county's 2026 catalog exists.
"""

import datetime as dt

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.demo.data.organizations import BY_KEY
from gongkai.organizations.models import Organization
from gongkai.participation import catalog as catalog_services
from gongkai.participation import gatherings, services
from gongkai.participation.models import (
    Adoption,
    Channel,
    Comment,
    Consultation,
    DecisionCatalog,
    Event,
    Hearing,
    Meeting,
    PublishState,
)
from gongkai.publishing.models import InformationItem

YEAR = 2026
EXAMPLE = "（示例）"
STANDARD = (
    "根据《重大行政决策程序暂行条例》第三条，下列事项列入县政府重大行政决策事项目录：\n"
    "一、制定有关公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施；\n"
    "二、制定经济和社会发展等方面的重要规划；\n"
    "三、制定开发利用、保护重要自然资源和文化资源的重大公共政策和措施；\n"
    "四、决定在本行政区域实施的重大公共建设项目；\n"
    "五、决定对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项。" + EXAMPLE)
ENTRIES = [
    (1, "沂源县城区集中供热价格调整", "县住房城乡建设局", "《山东省城市供热条例》《政府制定价格行为规则》", "2026年11月", True, True),
    (2, "沂源县城区住宅小区物业服务收费管理办法", "县住房城乡建设局", "《物业管理条例》《山东省物业管理条例》", "2026年6月", False, True),
    (3, "沂源县支持中小微企业发展的若干措施", "县发展改革局", "《中华人民共和国中小企业促进法》", "2027年1月", False, True),
    (4, "沂源县城乡公交一体化实施方案", "县交通运输局", "《山东省道路运输条例》", "2026年9月", False, True),
    (5, "沂源县中心城区停车设施专项规划", "县自然资源局", "《中华人民共和国城乡规划法》", "2026年8月", False, True),
]
OPEN_DRAFT = [
    "<h2>第一章 总则</h2>",
    "<p>第一条 为规范城区集中供热价格管理，保障供热企业正常运营和用户合法权益，根据有关规定，结合本县实际，制定本方案。</p>",
    "<p>第二条 居民用户供热价格由每平方米建筑面积每采暖期22元调整为24元，非居民用户由每平方米35元调整为37元。</p>",
    "<p>第三条 对城乡低保对象、特困供养人员等困难群众，供热费用按调整前价格执行，差额由县财政补贴。</p>",
    "<p>第四条 供热企业应当在采暖期开始前30日公示供热价格、收费依据和投诉电话，接受社会监督。</p>",
    "<p>第五条 本方案自2027年采暖期起施行。" + EXAMPLE + "</p>",
]
CLOSED_DRAFT = [
    "<p>第一条 物业服务收费实行政府指导价和市场调节价相结合的管理方式。</p>",
    "<p>第二条 前期物业服务收费实行政府指导价，按物业服务等级分为一至五级。</p>",
    "<p>第三条 物业服务企业应当每年公布物业服务收支情况，接受业主监督。" + EXAMPLE + "</p>",
]


def _admin():
    return User.objects.filter(is_superuser=True).order_by("pk").first()


def _org(key):
    return Organization.objects.filter(name=BY_KEY[key].name).first()


def _at(days: int, hour: int) -> dt.datetime:
    """A round time `days` from today (negative: in the past)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load(stdout=None) -> None:
    county, housing, reform, admin = _org("yyx"), _org("zjj"), _org("fgj"), _admin()
    if county is None or housing is None or admin is None:
        return
    if DecisionCatalog.objects.filter(organization=county, year=YEAR).exists():
        return
    today = timezone.localdate()
    now = timezone.now()
    catalog = catalog_services.create_catalog(admin, county, YEAR, STANDARD)
    entries = {}
    for number, title, unit, basis, when, hearing, consult in ENTRIES:
        entries[number] = catalog_services.save_entry(admin, catalog, {
            "number": number, "title": title + EXAMPLE, "lead_unit": unit, "basis": basis, "planned_time": when,
            "needs_hearing": hearing, "needs_consultation": consult, "status": "planned"})
    catalog_services.save_entry(admin, catalog, {
        "number": 4, "title": entries[4].title, "lead_unit": "县交通运输局", "basis": entries[4].basis,
        "planned_time": "2027年3月", "needs_hearing": False, "needs_consultation": True, "status": "adjusted",
        "status_reason": "需与市级城乡公交规划衔接，拟决策时间调整至2027年3月。"}, entry=entries[4])
    catalog_services.publish_catalog(admin, catalog)

    # Open now: 36 days, with comments (two published, one waiting for moderation).
    heating = services.create_consultation(admin, housing, {
        "title": "关于《沂源县城区集中供热价格调整方案（征求意见稿）》公开征求意见的公告" + EXAMPLE,
        "draft": "".join(OPEN_DRAFT), "entry": entries[1],
        "explanation": "<p>近年来供热成本持续上涨，现行价格已执行多年。方案按照成本监审结果拟定，并对困难群众予以保障。</p>",
        "opens_on": today - dt.timedelta(days=10), "closes_on": today + dt.timedelta(days=25),
        "email": "gk_zjj@example.cn", "postal_address": "沂源县胜利路1号县住房城乡建设局（邮编256100）",
        "fax": "0533-3241234", "contact": "张科长 0533-3241234"})
    services.publish_consultation(admin, heating)
    for paragraph, body, publish in (
            (3, "建议把低保边缘家庭也纳入按原价格执行的范围。", True),
            (4, "公示时间建议提前到采暖期开始前45日，并在小区公告栏张贴。", True),
            (None, "希望同时公布供热企业的成本监审报告。", False)):
        comment = services.submit_comment(heating.pk, {"body": body, "paragraph": paragraph, "name": "王某某",
                                                       "contact": "13900000000", "may_publish": True})
        if publish:
            services.moderate(admin, comment, True)

    # Closed, with its 采纳情况 and the decision linked (a consultation of the past: rows as they were).
    closes = today - dt.timedelta(days=45)
    property_fees = Consultation.objects.create(
        organization=housing, entry=entries[2], title="关于《沂源县城区住宅小区物业服务收费管理办法（征求意见稿）》公开征求意见的公告" + EXAMPLE,
        draft="".join(CLOSED_DRAFT), opens_on=closes - dt.timedelta(days=30), closes_on=closes,
        email="gk_zjj@example.cn", contact="李科长 0533-3241235", state=PublishState.PUBLISHED,
        published_at=now - dt.timedelta(days=76))
    for channel, body, topic, adoption, reason in (
            (Channel.ONLINE, "物业收支情况应当每半年公布一次。", "收支公开", Adoption.ADOPTED, ""),
            (Channel.ONLINE, "建议取消政府指导价，全部由市场调节。", "定价方式", Adoption.NOT_ADOPTED,
             "前期物业服务阶段业主尚未成立业主大会，由政府指导价保护业主权益。"),
            (Channel.EMAIL, "一级服务标准的价格偏低，建议适当提高。", "定价方式", Adoption.PARTLY,
             "一级价格上限提高0.1元，其余等级不变。")):
        Comment.objects.create(consultation=property_fees, channel=channel, body=body, topic=topic, adoption=adoption,
                               adoption_reason=reason, may_publish=channel == Channel.ONLINE,
                               state=Comment.State.PUBLISHED if channel == Channel.ONLINE else Comment.State.HIDDEN,
                               created_at=now - dt.timedelta(days=60), name="赵某", contact="13800000000")
    services.publish_outcome(admin, property_fees, "<p>征求意见期间共收到意见3条，经研究，采纳1条、部分采纳1条、"
                                                   "未采纳1条，已据此修改办法第三条。" + EXAMPLE + "</p>")
    item = (InformationItem.objects.live().filter(title__contains="物业服务").order_by("-published_at").first()
            or InformationItem.objects.live().filter(organization=housing).order_by("-published_at").first())
    if item is not None and item.index_no:
        services.link_decision(admin, property_fees, item.index_no)
        catalog_services.add_update(admin, entries[2], today - dt.timedelta(days=20),
                                    "办法已印发，全县52个住宅小区完成物业服务等级评定并公示收费标准。" + EXAMPLE)
        catalog_services.evaluate(admin, entries[2], today - dt.timedelta(days=7), "达到预期效果，建议继续实施" + EXAMPLE,
                                  "<p>评估组抽查住宅小区20个，收费公示率100%，业主满意度较实施前提高12个百分点。"
                                  "建议下一步将收支公开情况纳入物业服务企业信用评价。" + EXAMPLE + "</p>")

    # 涉企: invited enterprises and 商会, one reply.
    if reform is not None:
        smes = services.create_consultation(admin, reform, {
            "title": "关于《沂源县支持中小微企业发展的若干措施（征求意见稿）》征求意见的公告" + EXAMPLE,
            "draft": "<p>一、设立中小微企业应急转贷资金。</p><p>二、对首次升规的工业企业给予一次性奖励。</p>",
            "entry": entries[3], "enterprise_related": True,
            "opens_on": today - dt.timedelta(days=3), "closes_on": today + dt.timedelta(days=27),
            "email": "gk_fgj@example.cn", "contact": "县发展改革局 0533-3240000"})
        services.publish_consultation(admin, smes)
        services.invite(admin, smes, "沂源县工商业联合会（总商会）", "association", today - dt.timedelta(days=3))
        invitation = services.invite(admin, smes, "山东某某医药包装股份有限公司" + EXAMPLE, "enterprise", today - dt.timedelta(days=3))
        services.record_reply(admin, invitation, today - dt.timedelta(days=1), "建议将应急转贷资金的使用期限延长至15日。")

    hearing = gatherings.save_hearing(admin, Hearing(organization=housing), {
        "title": "沂源县城区集中供热价格调整听证会" + EXAMPLE, "entry": entries[1],
        "matter": "城区居民和非居民集中供热价格调整方案。", "starts_at": _at(-5, 9),
        "place": "沂源县政务服务中心三楼会议室", "how_to_register": "听证会参加人由消费者、经营者、专家等组成。"})
    gatherings.publish(admin, hearing)
    gatherings.publish_record(admin, hearing, "<p>听证会于会议日期如期举行，听证参加人13名，旁听群众10名。多数参加人同意调整方案，"
                                               "并建议加大对困难群众的保障力度。" + EXAMPLE + "</p>")

    open_day = gatherings.save_event(admin, Event(organization=county), {
        "kind": "open_day", "title": "“走进县政务服务中心”政府开放日" + EXAMPLE,
        "topic": "参观政务服务大厅和政务公开专区，体验“一窗受理”，与窗口负责人座谈。",
        "starts_at": _at(14, 9), "place": "沂源县政务服务中心", "capacity": 30,
        "registration_closes_on": today + dt.timedelta(days=10)})
    gatherings.publish(admin, open_day)
    online = gatherings.save_event(admin, Event(organization=county), {
        "kind": "online", "title": "“优化营商环境”网络问政" + EXAMPLE, "topic": "县发展改革局负责人在线回答网友提问。",
        "starts_at": _at(-20, 15), "place": "县政府网站、沂源县政务微信公众号"})
    gatherings.publish(admin, online)
    gatherings.publish_record(admin, online, "<p>网友提问18个，现场答复15个，会后3个问题已转有关部门办理并全部答复。" + EXAMPLE + "</p>")

    meeting = gatherings.save_meeting(admin, Meeting(organization=county), {
        "kind": "executive", "title": "县政府第12次常务会议" + EXAMPLE, "held_on": today - dt.timedelta(days=30),
        "topics": "研究城区集中供热价格调整方案\n研究城乡公交一体化实施方案"})
    for category, name, public in (("public", "张某某", True), ("expert", "山东理工大学 刘教授", True),
                                   ("media", "沂源县融媒体中心", True), ("stakeholder", "城区供热用户代表", False)):
        gatherings.add_attendee(admin, meeting, category, name, public)
    gatherings.publish(admin, meeting)
    if stdout is not None:
        stdout.write("公众参与演示数据：2026年重大行政决策事项目录、征求意见3项、听证会1场、活动2项、列席会议1次。")
