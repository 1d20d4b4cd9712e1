"""Demo 政府公报 (called by `gongkai load_demo` after the regulations demo): the four quarterly issues of
《沂源县人民政府公报》 2020 and of 2025 (the county's 2025 annual report counts them), each rendered once to a PDF with WeasyPrint (cover, contents, articles; the
contents' page numbers come from the rendered PDF). Entries whose document is on the platform link to
its item; the others carry their own text. Idempotent: an existing issue (year, 期号) is skipped.
"""

import datetime as dt
import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from gongkai.accounts.models import User
from gongkai.demo.data.organizations import BY_KEY
from gongkai.gazette import services
from gongkai.gazette.models import GazetteIssue
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem

EXAMPLE = "（示例）"
# (number, total number, date, [(section, title, 文号, issuer, own text paragraphs or None: link the item)])
ISSUES_2020 = [
    (1, 101, "2020-03-31", [
        ("县政府文件", "沂源县人民政府关于印发《沂源县城乡居民最低生活保障实施办法》的通知", "源政发〔2020〕3号", "沂源县人民政府", None),
        ("县政府文件", "沂源县人民政府关于表彰2019年度全县经济社会发展先进单位的决定", "源政字〔2020〕10号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门，各有关单位：",
          "2019年，全县上下坚持稳中求进工作总基调，经济社会发展取得新成绩。为表彰先进，县政府决定，对县农业农村局等20个先进单位予以通报表彰。",
          "希望受到表彰的单位珍惜荣誉，再接再厉，为全县高质量发展作出新的更大贡献。" + EXAMPLE]),
        ("人事任免", "沂源县人民政府关于王某某等同志职务任免的通知", "源政任〔2020〕1号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：", "经县政府研究决定：任命王某某为沂源县政务服务中心主任；免去李某某的沂源县政务服务中心主任职务。" + EXAMPLE]),
    ]),
    (2, 102, "2020-06-30", [
        ("县政府办公室文件", "沂源县人民政府办公室关于印发《沂源县城区住宅小区物业服务管理暂行办法》的通知", "源政办发〔2020〕5号",
         "沂源县人民政府办公室", None),
        ("县政府文件", "沂源县人民政府关于进一步优化营商环境的若干措施", "源政发〔2020〕8号", "沂源县人民政府", None),
        ("县政府办公室文件", "沂源县人民政府办公室关于做好2020年防汛工作的通知", "源政办字〔2020〕30号", "沂源县人民政府办公室",
         ["各镇人民政府，各街道办事处，县政府有关部门：",
          "今年汛期我县降雨偏多的可能性较大。各级各部门要压紧压实防汛责任，落实水库、河道、山塘等重点部位的巡查值守，"
          "及时发布预警信息，做好人员转移避险准备，确保安全度汛。" + EXAMPLE]),
    ]),
    (3, 103, "2020-09-30", [
        ("县政府办公室文件", "沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知", "源政办字〔2020〕66号",
         "沂源县人民政府办公室", None),
        ("县政府文件", "沂源县人民政府关于公布2020年县级重大行政决策事项目录的通知", "源政字〔2020〕45号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：",
          "根据《重大行政决策程序暂行条例》，县政府确定了2020年县级重大行政决策事项目录，现予公布。",
          "一、沂源县国土空间总体规划（2021—2035年）；二、沂源县城区供热价格调整。" + EXAMPLE]),
    ]),
    (4, 104, "2020-12-31", [
        ("县政府文件", "沂源县人民政府关于印发沂源县冬春季新冠肺炎疫情防控工作方案的通知", "源政字〔2020〕68号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：",
          "现将《沂源县冬春季新冠肺炎疫情防控工作方案》印发给你们，请认真贯彻执行。",
          "一、坚持“外防输入、内防反弹”；二、落实“四早”要求；三、做好重点人群疫苗接种。" + EXAMPLE]),
        ("县政府办公室文件", "沂源县人民政府办公室关于2020年第三季度政府网站和政务新媒体检查情况的通报", "源政办字〔2020〕80号",
         "沂源县人民政府办公室",
         ["各镇人民政府，各街道办事处，县政府各部门：",
          "按照国务院办公厅有关要求，县政府办公室对全县政府网站和政务新媒体进行了第三季度检查，总体合格率100%。",
          "个别单位存在栏目更新不及时等问题，请于10个工作日内整改到位。" + EXAMPLE]),
    ]),
]

# 2025: the county's documents of that year published in the demo are linked (the withdrawn 源政字〔2025〕8号 is
# not carried); the others carry their own text. Quarterly since 2020, so 2025 第1期 is 总第121期.
ISSUES_2025 = [
    (1, 121, "2025-03-31", [
        ("县政府文件", "沂源县人民政府关于印发《沂源县城乡居民最低生活保障办法》的通知", "源政发〔2025〕2号", "沂源县人民政府", None),
        ("县政府办公室文件", "沂源县人民政府办公室关于印发《沂源县城区共享电动自行车管理暂行办法》的通知", "源政办发〔2025〕21号",
         "沂源县人民政府办公室", None),
        ("县政府办公室文件", "沂源县人民政府办公室关于做好2025年政务新媒体管理工作的通知", "源政办发〔2025〕3号",
         "沂源县人民政府办公室", None),
    ]),
    (2, 122, "2025-06-30", [
        ("县政府办公室文件", "沂源县人民政府办公室关于做好2025年政府网站管理工作的通知", "源政办发〔2025〕5号",
         "沂源县人民政府办公室", None),
        ("县政府办公室文件", "沂源县人民政府办公室关于做好2025年防汛工作的通知", "源政办字〔2025〕28号", "沂源县人民政府办公室",
         ["各镇人民政府，各街道办事处，县政府有关部门：",
          "各级各部门要落实防汛责任制，加强水库、河道、塘坝和山洪灾害易发区巡查值守，及时发布预警信息，"
          "提前做好危险区域人员转移避险准备，确保安全度汛。" + EXAMPLE]),
        ("人事任免", "沂源县人民政府关于赵某某等同志职务任免的通知", "源政任〔2025〕2号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：", "经县政府研究决定：任命赵某某为沂源县大数据发展服务中心主任；"
          "免去孙某某的沂源县大数据发展服务中心主任职务。" + EXAMPLE]),
    ]),
    (3, 123, "2025-09-30", [
        ("县政府办公室文件", "沂源县人民政府办公室关于2025年上半年政府网站和政务新媒体检查情况的通报", "源政办字〔2025〕46号",
         "沂源县人民政府办公室",
         ["各镇人民政府，各街道办事处，县政府各部门：",
          "按照国务院办公厅有关要求，县政府办公室对全县政府网站和政务新媒体进行了上半年检查，总体合格率100%。",
          "个别单位存在栏目更新不及时、互动回应不规范等问题，请于10个工作日内整改到位。" + EXAMPLE]),
        ("县政府文件", "沂源县人民政府关于公布第一批县级非物质文化遗产代表性项目保护单位的通知", "源政字〔2025〕33号",
         "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：",
          "经县文化和旅游局组织评审、公示，县政府确定了第一批县级非物质文化遗产代表性项目保护单位，现予公布。" + EXAMPLE]),
    ]),
    (4, 124, "2025-12-31", [
        ("县政府办公室文件", "沂源县人民政府办公室关于做好2025—2026年度冬春季森林防火工作的通知", "源政办字〔2025〕71号",
         "沂源县人民政府办公室",
         ["各镇人民政府，各街道办事处，县政府有关部门：",
          "今冬明春是森林火灾易发期。各级各部门要严格落实森林防火责任，加强野外火源管控和重点区域巡护，"
          "做好扑火队伍和物资准备，确保不发生重特大森林火灾。" + EXAMPLE]),
        ("人事任免", "沂源县人民政府关于钱某某等同志职务任免的通知", "源政任〔2025〕5号", "沂源县人民政府",
         ["各镇人民政府，各街道办事处，县政府各部门：", "经县政府研究决定：任命钱某某为沂源县投资促进服务中心副主任。" + EXAMPLE]),
    ]),
]
ISSUES = {2020: ISSUES_2020, 2025: ISSUES_2025}

PDF_TEMPLATE = Template("""<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 3cm 2.6cm; @bottom-center { content: counter(page); font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 13pt; line-height: 1.7; }
.cover { text-align: center; padding-top: 5cm; page-break-after: always; }
.cover h1 { font-size: 30pt; color: #a01010; letter-spacing: 0.2em; }
.toc { page-break-after: always; } .toc h2, article h2 { text-align: center; }
article { page-break-before: always; } .number { text-align: center; }
</style></head><body>
<section class="cover"><h1>沂源县人民政府公报</h1><p>{{ year }}年第{{ number }}期（总第{{ total }}期）</p>
<p>沂源县人民政府办公室编</p><p>{{ date }}</p></section>
<section class="toc"><h2>目　录</h2>{% for e in entries %}<p>{% ifchanged e.section %}【{{ e.section }}】<br>{% endifchanged %}
{{ e.title }}（{{ e.doc_number }}）</p>{% endfor %}</section>
{% for e in entries %}<article id="a{{ forloop.counter }}"><h2>{{ e.title }}</h2><p class="number">{{ e.doc_number }}</p>
{{ e.html|safe }}<p style="text-align:right">{{ e.issuer }}</p></article>{% endfor %}
</body></html>""")


def render_pdf(year: int, number: int, total: int, date: str, entries: list[dict]) -> tuple[bytes, list[int]]:
    """The issue as PDF bytes, and the page each article starts on."""
    from weasyprint import HTML

    from gongkai.regulations.compilation import refuse_fetch

    day = dt.date.fromisoformat(date)
    page = PDF_TEMPLATE.render(Context({"year": year, "number": number, "total": total, "entries": entries,
                                        "date": f"{day.year}年{day.month}月{day.day}日"}))
    document = HTML(string=page, url_fetcher=refuse_fetch).render()
    starts = {}
    for index, rendered in enumerate(document.pages, start=1):
        for anchor in rendered.anchors:
            starts.setdefault(anchor, index)
    return document.write_pdf(), [starts.get(f"a{n}") for n in range(1, len(entries) + 1)]


def load(stdout=None) -> None:
    office = Organization.objects.filter(name=BY_KEY["bgs"].name).first()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if office is None or admin is None:
        return
    created = {}
    for year, issues in ISSUES.items():
        for number, total, date, rows in issues:
            if not GazetteIssue.objects.filter(organization=office, year=year, number=number).exists():
                _issue(admin, office, year, number, total, date, rows)
                created[year] = created.get(year, 0) + 1
    if stdout is not None and created:
        stdout.write("政府公报演示数据：新建" + "，".join(f"{year} 年公报 {n} 期" for year, n in created.items()) + "。")


def _issue(admin, office, year: int, number: int, total: int, date: str, rows: list) -> None:
    entries = []
    for section, title, doc_number, issuer, paragraphs in rows:
        item = None if paragraphs else InformationItem.objects.public().filter(doc_number=doc_number).first()
        if paragraphs is None and item is None:
            paragraphs = [f"（{title}全文见本期公报 PDF。）"]
        text = item.body if item else "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        entries.append({"section": section, "title": title, "doc_number": doc_number, "issuer": issuer,
                        "item": item, "html": text})
    pdf, pages = render_pdf(year, number, total, date, entries)
    issue = services.create_issue(admin, office, {"year": year, "number": number, "total_number": total,
                                                  "published_on": date},
                                  SimpleUploadedFile(f"{year}-{number}.pdf", pdf, content_type="application/pdf"))
    for entry, page in zip(entries, pages, strict=True):
        data = {"section": entry["section"], "title": entry["title"], "doc_number": entry["doc_number"],
                "issuer": entry["issuer"], "page": page}
        if entry["item"] is not None:
            data["index_no"] = entry["item"].index_no
        else:
            data["body"] = entry["html"]
        services.add_entry(admin, issue, data)
    services.publish_issue(admin, issue, secrecy_checked=True, opinion="经保密审查，不涉及国家秘密、工作秘密和个人隐私，同意公开。")
