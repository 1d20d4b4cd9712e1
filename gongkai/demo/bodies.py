"""Bodies of demo items, recombined from real sentences of the seed and of the 条例.

Each builder takes the generator's random.Random, so the same run of the generator always writes the
same text. The output is plain HTML that publishing sanitizes on the way in anyway.
"""

import datetime as dt
import html

from gongkai.demo.seed import regulation_sentences, seed_sentences

ADDRESSEES = {
    "government": "各镇人民政府，各街道办事处，开发区管委会，县政府各部门，各企事业单位：",
    "township": "各村（社区），各办、站、所：",
}
NOTICE_HEADINGS = [
    ("提高思想认识", "明确工作任务", "强化工作保障"),
    ("加强组织领导", "突出工作重点", "严格督导落实"),
    ("压实工作责任", "规范公开内容", "加强监督检查"),
]
INTERPRETATION_HEADINGS = ("出台背景", "决策依据", "出台目的", "重要举措")  # 工作要点§4


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


class _Draw:
    """Seed sentences for one body, drawn without repetition."""

    def __init__(self, rng, count: int):
        self.sentences = rng.sample(seed_sentences(), count)

    def __call__(self, n: int = 1) -> str:
        taken, self.sentences = self.sentences[:n], self.sentences[n:]
        return "".join(taken)


def _law(rng) -> str:
    return rng.choice(regulation_sentences())


def _signature(org_name: str, day: dt.date) -> list[str]:
    return [_p(org_name), _p(cn_date(day))]


def notice(rng, org, subject: str, day: dt.date, addressee: str | None = None) -> str:
    draw = _Draw(rng, 5)
    first, second, third = rng.choice(NOTICE_HEADINGS)
    parts = [
        _p(addressee or ADDRESSEES.get(org.kind, "各有关单位：")),
        _p(f"为深入贯彻《中华人民共和国政府信息公开条例》，进一步做好{subject}相关工作，现将有关事项通知如下。"),
        _p(f"一、{first}。{draw(2)}"),
        _p(f"二、{second}。{draw(2)}"),
        _p(f"三、{third}。{draw()}{_law(rng)}"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def progress(rng, org, phrase: str, period: str, day: dt.date) -> str:
    draw = _Draw(rng, 4)
    meetings, items = rng.randint(2, 9), rng.randint(12, 90)
    parts = [
        _p(f"根据《沂源县2020年政务公开工作要点》（源政办字〔2020〕66号）要求，现将{org.short_name}{period}"
           f"{phrase}公开如下。"),
        _p(f"一、工作举措。{draw(2)}"),
        _p(f"二、落实情况。截至{cn_date(day)}，{org.short_name}共召开专题推进会议{meetings}次，"
           f"通过政府网站、政务新媒体公开相关信息{items}条（示例数据）。{draw()}"),
        _p(f"三、下一步工作。{draw()}"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def consultation(rng, org, draft_title: str, day: dt.date, phone: str, email: str) -> str:
    until = day + dt.timedelta(days=30)  # 工作要点§5: 公开征求意见的期限一般不少于30日
    parts = [
        _p(f"为提高决策的科学性和透明度，{org.name}起草了《{draft_title}（征求意见稿）》，现向社会公开征求意见。"),
        _p(f"公开征求意见的期限为{cn_date(day)}至{cn_date(until)}。{_law(rng)}"),
        _p(f"社会公众可通过电子邮件、信函等方式提出意见建议。联系电话：{phone}；电子邮箱：{email}。"),
        _p("附件：" + f"{draft_title}（征求意见稿）"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def listing(rng, org, what: str, day: dt.date, phone: str, days: int = 5) -> str:
    parts = [
        _p(f"{_law(rng)}现将{what}予以公示，详见附件。"),
        _p(f"公示期为{days}个工作日。如有异议，请在公示期内向{org.name}反映。联系电话：{phone}。"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def report(rng, org, subject: str, day: dt.date) -> str:
    draw = _Draw(rng, 5)
    parts = [
        _p(f"{org.name}{subject}情况报告如下。"),
        _p(f"一、总体情况。{draw(2)}"),
        _p(f"二、主要做法。{draw(2)}"),
        _p(f"三、存在的问题和下一步打算。{draw()}"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def annual_report(rng, org, year: int, day: dt.date) -> str:
    draw = _Draw(rng, 3)
    parts = [
        _p(f"本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条要求编制，"
           f"报告所列数据统计期限为{year}年1月1日至{year}年12月31日。"),
        _p("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
           "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。"),
        _p(f"一、总体情况。{draw(2)}"),
        _p(f"二、存在的主要问题及改进情况。{draw()}"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def news(rng, org, subject: str, day: dt.date) -> str:
    draw = _Draw(rng, 3)
    parts = [
        _p(f"{cn_date(day)}，{org.short_name}召开{subject}工作推进会，总结前一阶段工作，部署下一步任务。"),
        _p(f"会议指出，{draw()}"),
        _p(f"会议强调，{draw()}{draw()}"),
    ]
    return "\n".join(parts)


def interpretation(rng, org, document: str, day: dt.date) -> str:
    draw = _Draw(rng, 4)
    parts = [_p(f"近日，{org.name}印发了《{document}》。按照“谁起草谁解读”原则，现解读如下。")]
    for number, heading in zip("一二三四", INTERPRETATION_HEADINGS, strict=True):
        parts.append(_p(f"{number}、{heading}。{draw()}"))
    return "\n".join(parts)


def reply(rng, org, subject: str, day: dt.date, phone: str) -> str:
    draw = _Draw(rng, 3)
    parts = [
        _p("尊敬的代表（委员）："),
        _p(f"您提出的关于{subject}的建议（提案）收悉，现答复如下。"),
        _p(f"一、基本情况。{draw()}"),
        _p(f"二、下一步工作。{draw(2)}"),
        _p(f"感谢您对{org.short_name}工作的关心和支持。联系电话：{phone}。"),
    ]
    return "\n".join(parts + _signature(org.name, day))


def functions(org, phone: str, address: str, hours: str) -> str:
    parts = [
        _p(f"{org.name}负责本机关{'、'.join(org.subjects)}等方面的工作（示例）。"),
        _p(f"办公地址：{address}"),
        _p(f"办公时间：{hours}"),
        _p(f"联系电话：{phone}"),
    ]
    return "\n".join(parts)
