"""Demo 建议提案办理 (gongkai load_demo): the 2026 人大代表建议 and 政协提案 handed to 沂源县's units, most
answered (one late, one still open, one 复文 withheld), the 复文 published, and the 办理总体情况 of the
county and of 县文化和旅游局 published, 县政府办公室's left as a draft. Idempotent: nothing is added when
the 2026 register exists."""

import datetime as dt

from django.utils import timezone

from gongkai.demo.data.organizations import BY_KEY
from gongkai.organizations.models import Organization
from gongkai.proposals import services
from gongkai.proposals.models import Proposal, Summary

EXAMPLE = "（示例）"
TZ = timezone.get_default_timezone()
# (kind, number, title, proposers, lead, co-units, assigned, replied or None, class, adopted, publish)
ROWS = [
    ("suggestion", 1, "关于加快沂河源田园综合体乡村旅游配套建设的建议", "张某某等5名代表", "wlj", ("nyncj",),
     "2026-03-20", "2026-05-28", "A", True, True),
    ("suggestion", 2, "关于提升城区公共文化场馆开放时间的建议", "李某某", "wlj", (), "2026-03-20", "2026-06-10", "A", True, True),
    ("suggestion", 3, "关于规范农村客运班线运营的建议", "王某某等3名代表", "jtysj", (), "2026-03-20", "2026-06-18", "B", True, True),
    ("suggestion", 4, "关于推进政务服务事项“掌上办”的建议", "赵某某", "bgs", ("spj", "dsj"), "2026-03-20", "2026-05-15",
     "A", True, True),
    ("suggestion", 5, "关于增设城区中小学校门口护学岗的建议", "孙某某等4名代表", "gaj", ("jytyj",), "2026-03-20",
     "2026-06-30", "A", True, True),
    ("suggestion", 6, "关于加强城区老旧小区加装电梯工作的建议", "周某某", "zjj", (), "2026-03-20", "2026-07-02",
     "B", False, True),  # answered after the due date (2026-06-20)
    ("suggestion", 7, "关于南麻街道农贸市场改造提升的建议", "吴某某等2名代表", "nmjd", ("scjgj",), "2026-03-20",
     "2026-06-05", "B", True, True),
    ("suggestion", 8, "关于加大乡村医生待遇保障力度的建议", "郑某某", "wjj", (), "2026-03-20", None, "", False, False),
    ("proposal", 1, "关于打造沂源红色文化研学线路的提案", "民盟沂源县委员会", "wlj", ("jytyj",), "2026-03-25",
     "2026-06-12", "B", True, True),
    ("proposal", 2, "关于完善政府网站和政务新媒体互动功能的提案", "冯某某委员", "bgs", (), "2026-03-25", "2026-05-20",
     "A", True, True),
    ("proposal", 3, "关于优化农产品冷链物流体系的提案", "何某某委员", "nyncj", ("swj",), "2026-03-25", "2026-06-20",
     "C", False, False),  # 复文 withheld: it discusses a project still under study
    ("proposal", 4, "关于加强历山街道背街小巷环境整治的提案", "县工商联", "zhzfj", (), "2026-03-25", "2026-06-01",
     "A", True, True),
]
REPLY = ("<p>{proposers}：</p><p>您提出的《{title}》收悉。经认真研究，现答复如下：</p>"
         "<p>一、基本情况。近年来，我县围绕该领域持续加大投入，相关工作取得积极进展。</p>"
         "<p>二、下一步工作。我们将认真吸纳您的意见建议，{plan}，并及时向您通报进展情况。</p>"
         "<p>感谢您对{unit}工作的关心和支持。</p><p>{unit}<br>{date}</p>" + EXAMPLE)
PLANS = {"A": "已将相关措施落实到位", "B": "将相关事项列入年度工作计划，分步推进", "C": "待条件成熟时统筹研究解决"}


def _org(key: str) -> Organization | None:
    return Organization.objects.filter(name=BY_KEY[key].name).first()


def load(stdout=None) -> None:
    if Proposal.objects.filter(year=2026).exists() or _org("wlj") is None:
        return
    for kind, number, title, proposers, lead, co, assigned, replied, klass, adopted, publish in ROWS:
        unit = _org(lead)
        if unit is None:
            continue
        proposal = services.register(None, {
            "year": 2026, "kind": kind, "number": number, "title": title, "proposers": proposers, "lead_unit": unit,
            "co_units": [o for o in (_org(k) for k in co) if o], "assigned_on": dt.date.fromisoformat(assigned)})
        if replied is None:
            continue
        day = dt.date.fromisoformat(replied)
        proposal = services.reply(None, proposal, {
            "reply": REPLY.format(proposers=proposers, title=title, plan=PLANS[klass], unit=unit.name,
                                  date=f"{day.year}年{day.month}月{day.day}日"),
            "replied_on": day, "classification": klass, "adopted": adopted})
        if publish:
            services.publish_reply(None, proposal)
            # Published a few days after the reply, as the office did (not when the demo ran).
            Proposal.objects.filter(pk=proposal.pk).update(published_at=dt.datetime.combine(
                day + dt.timedelta(days=5), dt.time(10), tzinfo=TZ))
        else:
            services.withhold_reply(None, proposal, "答复涉及的冷链物流园区项目尚在论证，待项目确定后公开。")
    for organization in (None, _org("wlj")):
        summary = services.publish_summary(None, services.generate_summary(None, 2026, organization))
        Summary.objects.filter(pk=summary.pk).update(published_at=dt.datetime(2026, 7, 31, 10, tzinfo=TZ))
    services.generate_summary(None, 2026, _org("bgs"))
    if stdout is not None:
        stdout.write(f"建议提案演示数据：2026 年建议提案 {len(ROWS)} 件。")
