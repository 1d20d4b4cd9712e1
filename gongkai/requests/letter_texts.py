"""The built-in wording of every 依申请公开 letter (a unit edits its own copy in 文书模板).

Registered with gongkai.letters.registry at start-up. One line per paragraph; `{名称}` placeholders are
filled from the case (gongkai.requests.services.letters.values_for); `{表格}` places the letter's table.
"""

from django.utils.translation import gettext_lazy as _

from gongkai.core.exemptions import REGULATION
from gongkai.letters.registry import TemplateSpec, register

GROUP = "requests"
COMMON = ("申请人", "申请编号", "收到申请日期", "申请内容", "机关名称", "联系电话", "联系地址", "答复期限")
REPLY = COMMON + ("答复内容", "第三十六条答复", "不予公开理由", "依据条款", "不予公开依据", "负责机关", "补正告知日期",
                  "收到补正日期", "补正期限", "收费通知日期", "缴费期限工作日", "复议期限", "诉讼期限")
OPENING = "本机关于{收到申请日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），申请获取：{申请内容}。"
REMEDY = ("如对本答复不服，可以自收到本答复之日起{复议期限}日内依法申请行政复议，或者自收到本答复之日起{诉讼期限}个月内"
          "依法向人民法院提起行政诉讼。")
CONTACT = "联系电话：{联系电话}"
LAW = REGULATION


def _reply(key: str, label, body: str) -> None:
    register(TemplateSpec(
        key=f"requests.reply.{key}", label=label, title="政府信息公开申请答复书",
        body="\n".join([OPENING, body, REMEDY, CONTACT]), prefix_suffix="复", placeholders=REPLY, group=GROUP,
    ))


def _withheld(key: str, label, situation: str) -> None:
    # {不予公开依据} is the whole citation (services.replies.withholding_citation): the 条例's article and
    # 第三十六条第（三）项, or another law's article and then the 条例's 第三十六条第（三）项.
    _reply(key, label, f"经审查，您申请公开的政府信息{situation}。根据{{不予公开依据}}的规定，本机关决定不予公开。"
                       "理由：{不予公开理由}")


register(TemplateSpec(
    key="requests.correction", label=_("补正告知书"), title="政府信息公开申请补正告知书", prefix_suffix="补",
    placeholders=COMMON + ("补正事项", "补正期限", "补正工作日"), group=GROUP,
    body="\n".join([
        "本机关于{收到申请日期}收到您提出的政府信息公开申请（申请编号：{申请编号}）。经审查，您的申请内容不明确。根据"
        f"{LAW}第三十条的规定，请您对以下事项作出补正：",
        "{补正事项}",
        "请您于{补正期限}前（本告知书发出后{补正工作日}个工作日内）向本机关提交补正后的申请。答复期限自本机关收到补正的"
        "申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        CONTACT,
    ]),
))
register(TemplateSpec(
    key="requests.consultation.third_party", label=_("第三方意见征询书"), title="政府信息公开第三方意见征询书",
    prefix_suffix="征", placeholders=COMMON + ("被征求意见方", "征求事项", "意见期限工作日"), group=GROUP,
    body="\n".join([
        "本机关于{收到申请日期}收到一份政府信息公开申请，申请获取：{申请内容}。经审查，该信息的公开可能损害你方合法权益。"
        f"根据{LAW}第三十二条的规定，现书面征求你方意见。",
        "征求意见的内容：{征求事项}",
        "请你方自收到本意见书之日起{意见期限工作日}个工作日内，向本机关书面提出是否同意公开的意见；不同意公开的，请说明理由。"
        f"逾期未提出意见的，由本机关依照{LAW}的规定决定是否公开。",
        CONTACT,
    ]),
))
register(TemplateSpec(
    key="requests.consultation.agency", label=_("征求其他机关意见函"), title="关于政府信息公开申请征求意见的函",
    prefix_suffix="征", placeholders=COMMON + ("被征求意见方", "征求事项", "意见期限工作日"), group=GROUP,
    body="\n".join([
        "本机关于{收到申请日期}收到一份政府信息公开申请，申请获取：{申请内容}。该信息由本机关与你单位共同制作，根据"
        f"{LAW}第三十四条的规定，现征求你单位意见。",
        "征求意见的内容：{征求事项}",
        "请你单位自收到本函之日起{意见期限工作日}个工作日内提出意见。逾期未提出意见的，视为同意公开。",
        CONTACT,
    ]),
))
register(TemplateSpec(
    key="requests.extension", label=_("延期答复告知书"), title="政府信息公开申请延期答复告知书", prefix_suffix="延",
    placeholders=COMMON + ("延长工作日", "延期理由"), group=GROUP,
    body="\n".join([
        "本机关于{收到申请日期}收到您提出的政府信息公开申请（申请编号：{申请编号}）。因{延期理由}，本机关不能在规定期限内"
        f"作出答复。经本机关政府信息公开工作机构负责人同意，根据{LAW}第三十三条第二款的规定，答复期限延长{{延长工作日}}个"
        "工作日，本机关将于{答复期限}前作出答复。",
        CONTACT,
    ]),
))
register(TemplateSpec(
    key="requests.fee", label=_("收费通知书"), title="政府信息公开信息处理费收费通知书", prefix_suffix="费",
    placeholders=COMMON + ("计收方式", "金额", "缴费期限工作日"), group=GROUP,
    body="\n".join([
        "本机关于{收到申请日期}收到您提出的政府信息公开申请（申请编号：{申请编号}）。根据"
        f"{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关{{计收方式}}，向您收取"
        "信息处理费人民币{金额}元，计算明细如下：",
        "{表格}",
        "请您自收到本通知之日起{缴费期限工作日}个工作日内缴纳。本机关发出本通知至您缴纳费用的期间不计算在答复期限内。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        CONTACT,
    ]),
))

_reply("granted", _("答复书：予以公开"), "{第三十六条答复}")
_reply("partially_granted", _("答复书：部分公开"),
       "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据" + LAW + "第三十七条的规定，现向您提供"
       "可以公开的政府信息内容：{答复内容}\n对不予公开的内容说明理由如下：\n{表格}")
_withheld("withheld_state_secret", _("答复书：不予公开-属于国家秘密"), "属于依法确定为国家秘密的政府信息")
_withheld("withheld_prohibited_by_law", _("答复书：不予公开-其他法律行政法规禁止公开"), "属于法律、行政法规禁止公开的政府信息")
_withheld("withheld_security_stability", _("答复书：不予公开-危及“三安全一稳定”"),
          "公开后可能危及国家安全、公共安全、经济安全、社会稳定")
_withheld("withheld_third_party", _("答复书：不予公开-保护第三方合法权益"),
          "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容")
_withheld("withheld_internal_affairs", _("答复书：不予公开-属于三类内部事务信息"),
          "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息")
_withheld("withheld_process_information", _("答复书：不予公开-属于四类过程性信息"),
          "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息")
_withheld("withheld_enforcement_file", _("答复书：不予公开-属于行政执法案卷"), "属于行政执法案卷信息")
_withheld("withheld_administrative_query", _("答复书：不予公开-属于行政查询事项"), "属于行政查询事项")
_reply("unavailable_not_held", _("答复书：无法提供-本机关不掌握相关政府信息"), "{第三十六条答复}")
_reply("unavailable_needs_creation", _("答复书：无法提供-没有现成信息需要另行制作"),
       "经审查，本机关没有您申请获取的现成政府信息，提供该信息需要对现有政府信息进行加工、分析或者另行制作。根据" + LAW +
       "第三十八条的规定，本机关不予提供。{答复内容}")
_reply("unavailable_unclear", _("答复书：无法提供-补正后申请内容仍不明确"),
       "本机关已于{补正告知日期}一次性告知您作出补正，您于{收到补正日期}提交了补正后的申请，但申请内容仍不明确，本机关无法"
       "确定您所申请的政府信息。根据" + LAW + "第三十条的规定，本机关无法提供。{答复内容}")
_reply("not_processed_petition", _("答复书：不予处理-信访举报投诉类申请"),
       "经审查，您以政府信息公开申请的形式提出的事项属于信访、投诉、举报等活动。根据" + LAW + "第三十九条第一款的规定，"
       "本机关不作为政府信息公开申请处理。{答复内容}")
_reply("not_processed_repeated", _("答复书：不予处理-重复申请"),
       "本机关已就您提出的相同政府信息公开申请作出答复，您重复申请公开相同政府信息。根据" + LAW + "第三十六条第（六）项的"
       "规定，本机关不予重复处理。{答复内容}")
_reply("not_processed_publication", _("答复书：不予处理-要求提供公开出版物"),
       "您申请获取的是政府公报、报刊、书籍等公开出版物。根据" + LAW + "第三十九条第二款的规定，告知您获取的途径：{答复内容}")
_reply("not_processed_excessive", _("答复书：不予处理-无正当理由大量反复申请"),
       "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为申请理由不合理。根据" + LAW +
       "第三十五条的规定，本机关不予处理。{答复内容}")
_reply("not_processed_confirmation", _("答复书：不予处理-要求行政机关确认或重新出具已获取信息"),
       "您的申请是要求本机关确认或者重新出具您已经获取的信息，不属于申请获取政府信息，本机关不作为政府信息公开申请处理。"
       "{答复内容}")
_reply("other_no_correction", _("告知书：逾期不补正"),
       "本机关已于{补正告知日期}一次性告知您作出补正，并给予了合理的补正期限（{补正期限}前）。您无正当理由逾期未补正。根据" +
       LAW + "第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。")
_reply("other_unpaid_fee", _("告知书：逾期未缴纳信息处理费"),
       "本机关已于{收费通知日期}向您发出收费通知，您未在收到通知之日起{缴费期限工作日}个工作日内缴纳信息处理费。根据"
       "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。")
_reply("other_other", _("答复书：其他处理"), "{第三十六条答复}")
