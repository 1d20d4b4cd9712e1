"""The narrative chapters (一、五、六) as editable drafts, pre-filled with what the platform knows.

The report is a Chinese official document: its text is written in Chinese whatever the staff member's
interface language (like the tables' official row labels). What only the unit knows is left as a
【请填写：…】 prompt; a report still containing one fails the `narrative` check.
"""

from gongkai.reports import formats
from gongkai.reports.compute import Figures

CHAPTERS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
CHAPTER_KEYS = tuple(key for key, _title in CHAPTERS)
TABLE_CHAPTERS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
PROMPT = "【请填写"
MAX_CHAPTER_CHARS = 20000

OUTCOME_GROUPS: tuple[tuple[str, str], ...] = (
    ("予以公开", "granted"), ("部分公开", "partially_granted"), ("不予公开", "withheld_"),
    ("无法提供", "unavailable_"), ("不予处理", "not_processed_"), ("其他处理", "other_"),
)


def outcome_groups(requests: dict) -> list[tuple[str, int]]:
    """(group name, total) of 三、本年度办理结果, in table order (for the text and the chart)."""
    result = []
    for name, prefix in OUTCOME_GROUPS:
        total = sum(cells["total"] for key, cells in requests.items()
                    if key == prefix or (prefix.endswith("_") and key.startswith(prefix)))
        result.append((name, total))
    return result


def _proactive(name: str, year: int, data: dict, figures: Figures, government: bool) -> list[str]:
    """（一）主动公开. The column figures count information items filed under each catalog node (an item may
    be filed under several); the 政策解读 figure counts interpretations registered with the policy documents
    they explain (gongkai.interpretations). The two differ, so each says what it counts."""
    activity = figures.activity
    nodes = "、".join(f"“{node}”栏目{count}条" for node, count in activity.items_by_node[:6])
    text = f"{year}年，{name}通过政府信息公开平台主动公开政府信息{activity.items_published}条"
    text += f"，按公开目录栏目统计，其中{nodes}。" if nodes else "。"
    docs = data["proactive"]["normative_documents"]
    if data["format"] == formats.FORMAT_2021:
        text += (f"制发行政规范性文件{docs['issued']}件，废止{docs['repealed']}件，"
                 f"截至{year}年底现行有效{docs['in_force']}件。")
    else:
        text += f"新制作规范性文件{docs['made']}件，新公开{docs['published']}件，对外公开总数{docs['total_published']}件。"
    text += f"发布关联所解读政策文件的政策解读{activity.interpretations}篇。"
    if government or activity.gazette_issues:
        text += f"编辑出版政府公报{activity.gazette_issues}期。"
    return ["（一）主动公开", text]


def _on_request(year: int, data: dict, figures: Figures) -> list[str]:
    rows = data["requests"]
    groups = "、".join(f"{name}{n}件" for name, n in outcome_groups(rows) if n)
    text = (f"{year}年，新收政府信息公开申请{rows['new']['total']}件，上年结转{rows['carried_over']['total']}件；"
            f"本年度办结{rows['total_processed']['total']}件")
    text += f"，其中{groups}" if groups else ""
    text += f"；结转下年度继续办理{rows['carried_forward']['total']}件。"
    if figures.due_known:
        rate = figures.on_time * 100 / figures.due_known
        text += f"办结的申请中，在法定期限内答复{figures.on_time}件，按期答复率{rate:.1f}%。"
    reviews = data["reviews"]
    review_total = reviews["administrative_review"]["total"]
    suit_total = reviews["litigation_direct"]["total"] + reviews["litigation_after_review"]["total"]
    text += f"因政府信息公开被申请行政复议{review_total}件、提起行政诉讼{suit_total}件。"
    return ["（二）依申请公开", text]


def drafts(organization, year: int, data: dict, figures: Figures, government: bool) -> dict[str, str]:
    """The three narrative chapters, pre-filled; one paragraph per line."""
    name = "本级政府" if government else "本机关"
    overview = [
        *_proactive(name, year, data, figures, government),
        *_on_request(year, data, figures),
        "（三）政府信息管理",
        "【请填写：政府信息公开保密审查、规范性文件清理、政府信息管理制度等情况。】",
        "（四）政府信息公开平台建设",
        "【请填写：政府网站、政务新媒体、政府信息公开专栏等平台建设情况。】",
        "（五）监督保障",
        "【请填写：组织领导、制度建设、教育培训、监督考核等情况。】",
    ]
    problems = ["【请填写：本年度政府信息公开工作存在的主要问题及改进情况。】"]
    if government:
        problems.append("【请填写：工作考核、社会评议和责任追究结果情况（条例第五十条）。】")
    if figures.fee_cases:
        fee = f"{year}年，依据《政府信息公开信息处理费管理办法》收取信息处理费{figures.fee_yuan}元，涉及申请{figures.fee_cases}件。"
    else:
        fee = f"{year}年，未收取政府信息公开信息处理费。"
    other = [fee, "【请填写：落实年度政务公开工作要点、人大代表建议和政协提案办理结果公开等情况。】"]
    return {"overview": "\n".join(overview), "problems": "\n".join(problems), "other": "\n".join(other)}


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def is_subheading(paragraph: str) -> bool:
    """（一）主动公开 …: a short line opening with a Chinese ordinal in brackets."""
    return paragraph.startswith("（") and "）" in paragraph[:5] and len(paragraph) <= 20
