"""The 2025 依申请公开 cases of the demo (called by gongkai.requests.demo.load): what the three units with
demo staff received and answered in 2025, so that the 2025 annual reports (gongkai.reports.demo, made from
the platform's records) count real requests. Most are 予以公开; a few are 部分公开, 不予公开, 无法提供 or
不予处理; two received in late December are answered in January 2026 (结转); one reply led to a 行政复议
(维持) and one to a 行政诉讼 still pending at the end of the year.

Every case goes through the requests services like a unit's staff would handle it. Idempotent: a case is
found again by the key in its 备注.
"""

import datetime as dt

from django.db import transaction

from gongkai.requests.models import Filing, RequestCase
from gongkai.requests.services import filing, handling, intake, replies
from gongkai.requests.services.intake import query_code_digest

D = dt.date
GRANTED, PARTIAL, NOT_HELD = "予以公开", "部分公开", "无法提供-本机关不掌握相关政府信息"
PROCESS = "不予公开-属于四类过程性信息"
PETITION = "不予处理-信访举报投诉类申请"
PUBLICATION = "不予处理-要求提供公开出版物"
# unit prefix, applicant type, received, replied (None: answered in 2026), outcome, what was asked
CASES_2025 = [
    ("bgs", "natural_person", D(2025, 1, 13), D(2025, 1, 24), GRANTED, "2024年县政府工作报告全文"),
    ("bgs", "natural_person", D(2025, 2, 17), D(2025, 3, 7), GRANTED, "2025年城区集中供热价格标准"),
    ("bgs", "commercial", D(2025, 3, 10), D(2025, 3, 28), PARTIAL, "县城区道路提升工程招标结果及合同"),
    ("bgs", "natural_person", D(2025, 4, 8), D(2025, 4, 25), PROCESS, "县政府常务会议讨论稿及内部征求意见材料"),
    ("bgs", "natural_person", D(2025, 5, 12), D(2025, 5, 30), GRANTED, "2025年县级民生实事项目清单"),
    ("bgs", "legal_services", D(2025, 6, 9), D(2025, 6, 27), GRANTED, "某地块征收补偿安置方案批复文件"),
    ("bgs", "natural_person", D(2025, 7, 7), D(2025, 7, 18), NOT_HELD, "1998年某村土地承包合同原件"),
    ("bgs", "natural_person", D(2025, 8, 11), D(2025, 8, 29), GRANTED, "2025年县级财政预算执行情况"),
    ("bgs", "natural_person", D(2025, 9, 15), D(2025, 9, 26), PETITION, "反映小区物业收费问题并要求查处"),
    ("bgs", "commercial", D(2025, 10, 13), D(2025, 10, 31), GRANTED, "县政府关于优化营商环境的若干措施"),
    ("bgs", "natural_person", D(2025, 11, 10), D(2025, 11, 28), GRANTED, "2025年县级重点项目名单"),
    ("bgs", "natural_person", D(2025, 12, 22), None, GRANTED, "2025年冬季清洁取暖补贴政策文件"),
    ("wlj", "natural_person", D(2025, 2, 10), D(2025, 2, 28), GRANTED, "鲁山景区2025年门票优惠政策"),
    ("wlj", "natural_person", D(2025, 4, 14), D(2025, 4, 30), GRANTED, "2024年送戏下乡演出场次及经费"),
    ("wlj", "public_interest", D(2025, 5, 19), D(2025, 6, 6), GRANTED, "县级非物质文化遗产代表性项目名录"),
    ("wlj", "natural_person", D(2025, 6, 16), D(2025, 7, 4), PUBLICATION, "《沂源县志》（2015年版）全书"),
    ("wlj", "commercial", D(2025, 8, 4), D(2025, 8, 22), PARTIAL, "乡村旅游奖补资金拨付名单及申报材料"),
    ("wlj", "natural_person", D(2025, 9, 8), D(2025, 9, 26), GRANTED, "县图书馆免费开放经费使用情况"),
    ("wlj", "natural_person", D(2025, 11, 17), D(2025, 12, 5), GRANTED, "2025年文化惠民消费季活动方案"),
    ("nmjd", "natural_person", D(2025, 1, 20), D(2025, 2, 14), GRANTED, "南麻街道2024年低保对象公示名单"),
    ("nmjd", "natural_person", D(2025, 3, 17), D(2025, 4, 3), PARTIAL, "某社区旧村改造房屋补偿协议汇总"),
    ("nmjd", "natural_person", D(2025, 5, 6), D(2025, 5, 23), GRANTED, "2025年春季造林绿化工程实施方案"),
    ("nmjd", "natural_person", D(2025, 6, 23), D(2025, 7, 11), NOT_HELD, "县城区规划调整的专家论证意见"),
    ("nmjd", "natural_person", D(2025, 9, 1), D(2025, 9, 19), GRANTED, "2025年街道农村危房改造补助标准"),
    ("nmjd", "other_org", D(2025, 10, 20), D(2025, 11, 7), GRANTED, "街道2025年公益性岗位招聘公告及结果"),
    ("nmjd", "natural_person", D(2025, 12, 24), None, GRANTED, "2025年度街道残疾人两项补贴发放名单"),
]
# The carried-over cases are answered in January 2026.
REPLIED_2026 = {"bgs": D(2026, 1, 9), "nmjd": D(2026, 1, 14)}
# (case number in CASES_2025, remedy): a 复议 decided (维持) in 2025; a 诉讼 still pending at the year's end.
REMEDIES = {
    3: {"kind": "review", "result": "upheld", "filed_on": D(2025, 5, 20), "decided_on": D(2025, 7, 15),
        "authority": "淄博市人民政府"},
    20: {"kind": "litigation", "litigation_type": "direct", "result": "pending", "filed_on": D(2025, 9, 15),
         "authority": "淄博市博山区人民法院"},
}
NAMES = ("赵晓东", "钱立华", "孙海燕", "李德明", "周文静", "吴志刚", "郑玉兰", "王国庆", "冯秀英", "陈建华")


def _reply_data(outcome: str, asked: str) -> tuple[dict, list]:
    if outcome == PARTIAL:
        return ({"outcome": outcome, "reply_content": f"提供{asked}中可以公开的部分。"},
                [{"description": "涉及个人身份证号码、联系电话和银行账号的内容", "article": "art15_third_party",
                  "reason": "属于个人隐私，公开会损害第三方合法权益"}])
    if outcome == PROCESS:
        return ({"outcome": outcome, "withholding_reason": "所申请信息为行政机关在履行行政管理职能过程中形成的讨论记录、"
                                                           "过程稿，依法可以不予公开。"}, [])
    return ({"outcome": outcome, "reply_content": f"经查，{asked}已整理，随本答复书提供，或请登录沂源县人民政府门户网站查阅。"
             if outcome == GRANTED else f"关于{asked}的申请已按条例办理，详见答复书。"}, [])


def _build(number, spec, org, editor, reviewer):
    prefix, applicant_type, received, replied, outcome, asked = spec
    data = {"applicant_type": applicant_type, "form_wanted": "paper", "delivery_wanted": "post",
            "applicant_name": NAMES[number % len(NAMES)] if applicant_type == "natural_person" else "沂源县某单位",
            "phone": f"1395331{number:04d}", "info_title": asked[:60], "info_description": f"请公开{asked}。"}
    if applicant_type != "natural_person":
        data["contact_person"] = NAMES[number % len(NAMES)]
    case = intake.register(editor, org, data, channel="in_person", received_on=received).case
    handling.start_handling(editor, case)
    replied = replied or REPLIED_2026[prefix]
    reply, parts = _reply_data(outcome, asked)
    replies.draft_reply(editor, RequestCase.objects.get(pk=case.pk), reply, parts)
    replies.approve_reply(reviewer, RequestCase.objects.get(pk=case.pk), replied,
                          confirm_withholding=outcome in (PARTIAL, PROCESS))
    delivered = replied + dt.timedelta(days=3)
    replies.deliver(editor, RequestCase.objects.get(pk=case.pk), "post", delivered, note="邮政EMS送达")
    # 办理完结 is 备案'd the day it is delivered (工作要点 §10: within 3 days), as a diligent unit does.
    filed = filing.file_case(editor, RequestCase.objects.get(pk=case.pk))
    Filing.objects.filter(pk=filed.pk).update(filed_on=delivered)
    if number in REMEDIES:
        replies.record_remedy(editor, RequestCase.objects.get(pk=case.pk), REMEDIES[number])
    return case


def load(units: dict, users, query_code: str) -> int:
    """`units`: prefix → Organization; `users(prefix)` → (editor, reviewer). Returns the cases made."""
    done = set(RequestCase.objects.filter(note__startswith="【演示数据:2025-").values_list("note", flat=True))
    created = 0
    for number, spec in enumerate(CASES_2025):
        marker = f"【演示数据:2025-{number:02d}】"
        org = units.get(spec[0])
        editor, reviewer = users(spec[0])
        if marker in done or org is None or editor is None or reviewer is None:
            continue
        with transaction.atomic():
            case = RequestCase.objects.get(pk=_build(number, spec, org, editor, reviewer).pk)
            case.note = marker
            case.query_code_digest = query_code_digest(case.tracking_number, query_code)
            case.save(update_fields=["note", "query_code_digest"])
        created += 1
    return created
