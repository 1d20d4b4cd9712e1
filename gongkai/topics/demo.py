"""Demo 专题, loaded by `gongkai load_demo`: the built-in 「政务公开在行动」 with 工作交流 from two units and
the county's 通报 (when the inspection demo issued one); a 疫情防控 专题 and an 应急预案 专题 (its sub-columns
and units from the work plan's annex) with 稿件 from several units — most adopted by the 政务公开办, one
returned with a comment, one waiting. Idempotent: nothing is created when the 疫情防控 专题 exists."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.publishing.services import record_migrated_item
from gongkai.topics import presets, services
from gongkai.topics.models import Topic

COUNTY = "沂源县人民政府"
SUPERVISOR = "gkb"
SUPERUSER = "admin"  # submits for the units that have no demo users
EDITORS = {"沂源县人民政府办公室": "bgs_xxy", "沂源县文化和旅游局": "wlj_xxy", "沂源县南麻街道办事处": "nmjd_xxy"}
EPIDEMIC_UNITS = ("沂源县人民政府办公室", "沂源县文化和旅游局", "沂源县南麻街道办事处", "沂源县卫生健康局")
EPIDEMIC_COLUMNS = ("疫情信息发布", "防控措施", "复工复产复学")
# (unit, column, title, published on, decision: adopt / return / None)
EPIDEMIC_ITEMS = [
    ("沂源县卫生健康局", "疫情信息发布", "沂源县新冠肺炎疫情防控情况通报（第12期）", dt.date(2020, 3, 2), "adopt"),
    ("沂源县人民政府办公室", "防控措施", "沂源县人民政府办公室关于做好疫情防控常态化下有关工作的通知", dt.date(2020, 5, 11), "adopt"),
    ("沂源县南麻街道办事处", "防控措施", "南麻街道织密社区疫情防控网", dt.date(2020, 3, 16), "adopt"),
    ("沂源县文化和旅游局", "复工复产复学", "沂源县A级旅游景区有序恢复开放", dt.date(2020, 3, 20), "return"),
    ("沂源县人民政府办公室", "复工复产复学", "沂源县支持企业复工复产若干措施", dt.date(2020, 2, 24), None),
]
ACTION_ITEMS = [
    ("沂源县南麻街道办事处", "工作交流", "南麻街道扎实推进基层政务公开标准化规范化建设", dt.date(2020, 10, 9), "adopt"),
    ("沂源县人民政府办公室", "工作交流", "沂源县召开政务公开工作推进会", dt.date(2020, 9, 3), "adopt"),
    ("沂源县文化和旅游局", "工作交流", "县文化和旅游局设立政务公开专区", dt.date(2020, 11, 2), None),
]
EMERGENCY_EXISTING = [  # items the demo already published, by unit and a word of their title
    ("沂源县人民政府办公室", "突发公共卫生事件应急预案", "公共卫生类", "adopt"),
    ("沂源县南麻街道办事处", "防汛抗旱应急预案", "镇（街道）应急预案", "adopt"),
    ("沂源县卫生健康局", "应急预案", "公共卫生类", "adopt"),
]
EMERGENCY_NEW = [
    ("沂源县应急管理局", "总体预案", "沂源县突发事件总体应急预案", dt.date(2020, 6, 30), "adopt"),
    ("沂源县应急管理局", "自然灾害类", "沂源县自然灾害救助应急预案", dt.date(2020, 7, 15), "adopt"),
    ("沂源县公安局", "社会安全类", "沂源县处置群体性事件应急预案", dt.date(2020, 8, 20), None),
]


def _write(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _item(org, title, day):
    existing = InformationItem.objects.filter(organization=org, title=title).first()
    if existing:
        return existing
    tz = timezone.get_current_timezone()
    return record_migrated_item(None, org, {"title": title, "formed_on": day - dt.timedelta(days=2), "summary": title,
                                            "body": f"<p>{title}。</p>"}, [],
                                dt.datetime.combine(day, dt.time(10, 0), tzinfo=tz))


def _submit(actor_for, supervisor, column, item, decision, comment=""):
    submission = services.submit(actor_for(item.organization), column, item, "")
    if decision == "adopt":
        services.adopt(supervisor, submission)
    elif decision == "return":
        services.return_submission(supervisor, submission, comment or "请补充景区开放时间、预约方式和限流措施后重新报送。")
    return submission


@transaction.atomic
def load(stdout=None) -> None:
    county = Organization.objects.filter(name=COUNTY).first()
    supervisor = User.objects.filter(username=SUPERVISOR).first()
    superuser = User.objects.filter(username=SUPERUSER).first()
    if county is None or supervisor is None or superuser is None:
        _write(stdout, "专题演示数据：缺少沂源县人民政府或演示用户，未导入。")
        return
    action = services.ensure_action_topic(county)
    if Topic.objects.filter(slug="yqfk").exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=EDITORS.values())}
    orgs = {o.name: o for o in Organization.objects.filter(parent__isnull=False)}

    def actor_for(org):
        return users.get(EDITORS.get(org.name, ""), superuser)

    epidemic = services.create_topic(supervisor, county, {
        "title": "疫情防控", "slug": "yqfk", "sort_order": 10,
        "intro": "<p>公开透明发布新冠肺炎疫情信息和防控措施，统筹做好复工复产复学信息公开（沂源县2020年政务公开工作要点第3项）。</p>"},
        [(name, []) for name in EPIDEMIC_COLUMNS], [orgs[n] for n in EPIDEMIC_UNITS if n in orgs])
    columns = {c.name: c for c in epidemic.columns.all()}
    for org_name, column, title, day, decision in EPIDEMIC_ITEMS:
        _submit(actor_for, supervisor, columns[column], _item(orgs[org_name], title, day), decision)

    emergency_columns = presets.emergency_columns(county)
    units = []
    for _name, column_units in emergency_columns:
        units += [u for u in column_units if u not in units]
    units += [orgs[n] for n in EDITORS if orgs.get(n) and orgs[n] not in units]
    emergency = services.create_topic(supervisor, county, {
        "title": "应急预案", "slug": "yjya", "sort_order": 20,
        "intro": "<p>加强各级各类应急预案公开，增强社会公众和应急预案执行人员的风险防范意识和能力（沂源县2020年政务公开工作要点第3项）。</p>"},
        emergency_columns, units)
    columns = {c.name: c for c in emergency.columns.all()}
    for org_name, word, column, decision in EMERGENCY_EXISTING:
        item = InformationItem.objects.live().filter(organization__name=org_name, title__contains=word).first()
        if item is not None:
            _submit(actor_for, supervisor, columns[column], item, decision)
    for org_name, column, title, day, decision in EMERGENCY_NEW:
        if org_name in orgs:
            _submit(actor_for, supervisor, columns[column], _item(orgs[org_name], title, day), decision)

    columns = {c.name: c for c in action.columns.all()}
    for org_name, column, title, day, decision in ACTION_ITEMS:
        _submit(actor_for, supervisor, columns[column], _item(orgs[org_name], title, day), decision)
    from django.apps import apps

    if apps.is_installed("gongkai.inspection"):
        from gongkai.inspection.models import Notice

        notice = Notice.objects.filter(organization=county, item__isnull=False).first()
        if notice is not None:
            services.publish_notice(supervisor, notice)
    _write(stdout, f"专题演示数据：专题{Topic.objects.count()}个。")
