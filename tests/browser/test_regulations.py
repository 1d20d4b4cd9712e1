"""A citizen filters the current normative documents, opens one that was amended, follows the link to the
amending document and its interpretation, then opens a 2020 gazette issue and downloads an article."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from playwright.sync_api import expect

from gongkai.gazette import services as gazette
from gongkai.interpretations import services as interpretations
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Topic
from gongkai.regulations import services as regulations
from gongkai.regulations.factories import normative_document
from tests.browser.a11y import describe
from tests.browser.data import PDF, build_county

pytestmark = pytest.mark.browser

OLD = "测试县城乡居民医疗救助办法"
AMENDING = "测试县人民政府关于修改《测试县城乡居民医疗救助办法》的决定"
REPEALED = "测试县城区养犬管理暂行办法"
OTHER_UNIT = "测试县教育和体育局学生资助管理办法"
INTERPRETATION = "图解：医疗救助办法修改了什么"
ARTICLE = "测试县人民政府关于表彰2019年度先进单位的决定"


def build(county):
    gov, dept, editor, reviewer = county.government, county.department, county.editor, county.reviewer
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    gov_editor, gov_reviewer = user_with_role(gov, Role.EDITOR), user_with_role(gov, Role.REVIEWER)
    old = normative_document(gov, gov_editor, gov_reviewer, title=OLD, doc_number="测政发〔2020〕3号")
    amending = normative_document(gov, gov_editor, gov_reviewer, title=AMENDING, doc_number="测政发〔2020〕12号",
                                  promulgated_on="2020-09-01", effective_from="2020-10-01", expires_on="2025-09-30",
                                  body="<p>将第三条中的“5万元”修改为“8万元”。</p>")
    regulations.amend(gov_reviewer, amending, old)
    repealed = normative_document(gov, gov_editor, gov_reviewer, title=REPEALED, doc_number="测政办发〔2019〕9号",
                                  topic=Topic.PUBLIC_SECURITY, promulgated_on="2019-05-01", effective_from="2019-05-01",
                                  expires_on="2021-04-30")
    regulations.repeal(gov_reviewer, amending, repealed)
    normative_document(dept, editor, reviewer, title=OTHER_UNIT, doc_number="测教体发〔2020〕2号")
    created = interpretations.create_interpretation(
        gov_editor, gov, {"title": INTERPRETATION, "formed_on": dt.date(2020, 9, 2), "body": "<p>一图读懂修改内容。</p>"},
        {"form": "graphic"}, [amending.item])
    publishing.submit(gov_editor, created.item)
    publishing.approve(gov_reviewer, created.item, "同意", secrecy_checked=True)
    publishing.publish(gov_reviewer, created.item)
    issue = gazette.create_issue(gov_editor, gov, {"year": 2020, "number": 1, "total_number": 101,
                                                   "published_on": "2020-03-31"}, SimpleUploadedFile("1.pdf", PDF))
    gazette.add_entry(gov_editor, issue, {"section": "县政府文件", "title": ARTICLE, "doc_number": "测政字〔2020〕10号",
                                          "body": "<p>经研究，决定对县农业农村局等20个单位予以表彰。</p>"})
    gazette.add_entry(gov_editor, issue, {"title": OLD, "index_no": old.item.index_no})
    gazette.publish_issue(gov_reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")


def test_citizen_follows_an_amendment_to_its_interpretation_and_downloads_a_gazette_article(page, axe):
    county = build_county()
    build(county)

    page.goto(reverse("regulations:library"))
    expect(page.get_by_role("heading", level=1)).to_have_text("规范性文件库")
    results = page.get_by_role("list", name="现行有效的规范性文件")
    expect(results.get_by_role("link", name=REPEALED)).to_have_count(0)  # current documents by default
    page.get_by_label("制定机关").select_option(label=county.government.name)
    page.get_by_label("有效性").select_option(label="现行有效（有效、已修改）")
    page.get_by_role("button", name="筛选").click()
    expect(results.get_by_role("link")).to_have_text([AMENDING, OLD])  # newest first; the unit's own filtered out
    assert not axe(page), describe(axe(page))

    results.get_by_role("link", name=OLD, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OLD)
    notice = page.get_by_role("note").filter(has_text="本文件已修改")
    expect(notice).to_contain_text("2020-10-01")
    expect(page.get_by_role("list").filter(has_text="被修改")).to_contain_text(AMENDING)  # the timeline
    assert not axe(page), describe(axe(page))

    notice.get_by_role("link", name=AMENDING).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AMENDING)
    expect(page.get_by_text("将第三条中的“5万元”修改为“8万元”。")).to_be_visible()
    page.get_by_role("region", name="政策解读").get_by_role("link", name=INTERPRETATION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERPRETATION)
    expect(page.get_by_role("link", name=AMENDING)).to_be_visible()  # the other side

    page.goto(reverse("gazette:archive"))
    page.get_by_role("link", name="2020年", exact=True).click()
    page.get_by_role("link", name="2020年第1期（总第101期）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府公报 2020年第1期（总第101期）")
    expect(page.get_by_role("heading", name="县政府文件")).to_be_visible()
    assert not axe(page), describe(axe(page))
    page.get_by_role("link", name=ARTICLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(page.get_by_text("经研究，决定对县农业农村局等20个单位予以表彰。")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载本文（DOCX）").click()
    download = download_info.value
    assert download.suggested_filename == f"{ARTICLE}.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(download.path()).read_bytes())).paragraphs)
    assert ARTICLE in text and "予以表彰" in text
