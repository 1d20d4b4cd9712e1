"""What the imports refuse, line by line (JSONL) or row by row (spreadsheet): impossible dates, 索引号
that are not the line's organization's or would use up its year, and re-imports of lines without keys."""

import datetime as dt
import json
import re

import pytest
from django.core.management import CommandError
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import ensure_catalog
from gongkai.interchange import sheet
from gongkai.interchange.records import LineError, parse_line
from gongkai.interchange.tests.test_batch_web import row, xlsx
from gongkai.interchange.tests.test_import_export import good, run, write_jsonl
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem


def line(org, **changes):
    return parse_line(json.dumps(good(org, attachments=[], **changes), ensure_ascii=False))


@pytest.mark.django_db
@pytest.mark.parametrize("changes, reason", [
    ({"written_on": "9999-12-31", "published_at": "9999-12-31"}, "晚于今天"),
    ({"written_on": None, "published_at": "2999-01-02"}, "晚于今天"),
    ({"written_on": "1900-01-01"}, "早于 1949年10月1日"),
    ({"written_on": "2020-08-13"}, "written_on（成文日期）2020-08-13 晚于 published_at（发布日期）2020-08-12"),
    ({"written_on": "2020-08-10 是错的"}, "written_on（成文日期）无法识别"),
    ({"written_on": 20200810}, "written_on（成文日期）应为字符串"),
    ({"published_at": 20200812}, "published_at（发布日期）应为字符串"),
    ({"published_at": None}, "缺少必填字段 published_at"),
    ({"formed_on": "1900-01-01"}, "formed_on（形成或变更日期）"),
    # A given 形成或变更日期 does not switch off the check of the 发布日期.
    ({"written_on": None, "published_at": "2999-01-02", "formed_on": "2020-01-01"}, "published_at（发布日期）"),
    ({"doc_type": "便条"}, "doc_type（文种）无法识别"),
    # A 成文日期 does not switch it off either: a 发布日期 to come made the document a scheduled one, hidden from
    # the public until then, with a 索引号 of that year (audit of session 19).
    ({"written_on": "2020-08-10", "published_at": "2999-01-02"}, "published_at（发布日期） 2999-01-02 晚于今天"),
])
def test_impossible_dates_are_line_errors(org, changes, reason):
    with pytest.raises(LineError, match=re.escape(reason)):
        line(org, **changes)


@pytest.mark.django_db
def test_dates_that_parse_whole_are_accepted(org):
    record = line(org, written_on="2020-08-10T18:30:00+00:00", published_at="2020-08-12T09:30:00")
    assert record.written_on == dt.date(2020, 8, 11)  # 02:30 the next day in Asia/Shanghai
    assert line(org, written_on=" 2020-08-10 ").written_on == dt.date(2020, 8, 10)


def test_sheet_refuses_a_formed_on_after_today_or_before_1949(org):
    ensure_catalog(org)
    rows = sheet.read(xlsx([row(formed_on="9999-12-31"), row(formed_on="1800-01-01"), row()]), org)
    assert [r.ok for r in rows] == [False, False, True]
    assert "晚于今天" in rows[0].errors[0] and "早于 1949年10月1日" in rows[1].errors[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("batch", [True, False])
def test_an_index_no_of_another_unit_is_a_line_error_and_blocks_nobody(org, other_org, tmp_path, capsys, batch):
    year = timezone.localdate().year
    foreign = f"{other_org.credit_code}/{year}-00001"
    lines = [good(org, index_no=foreign, published_at=f"{year}-01-02", written_on=None, attachments=[]),
             good(org, index_no="旧站-2020-66", attachments=[]),
             good(org, index_no=f"{org.credit_code}/2020-1", attachments=[])]
    with pytest.raises(CommandError, match="失败 3"):
        run(write_jsonl(tmp_path / "docs.jsonl", lines), "--index-inline", *([] if batch else ["--dry-run"]))
    errors = capsys.readouterr().err
    assert "第 1 行：" in errors and f"不是发布机构“{org.name}”的" in errors.split("第 1 行：")[1].splitlines()[0]
    assert "格式不对" in errors.split("第 2 行：")[1].splitlines()[0]
    assert "格式不对" in errors.split("第 3 行：")[1].splitlines()[0]
    assert not InformationItem.objects.exists()
    editor, reviewer = user_with_role(other_org, Role.EDITOR), user_with_role(other_org, Role.REVIEWER)
    assert published_item(other_org, editor, reviewer).index_no == foreign


@pytest.mark.django_db(transaction=True)
def test_a_serial_near_the_years_limit_is_refused_at_import(org, editor, reviewer, tmp_path, capsys):
    year = timezone.localdate().year
    lines = [good(org, index_no=f"{org.credit_code}/{year}-99999", published_at=f"{year}-01-02", written_on=None,
                  attachments=[])]
    with pytest.raises(CommandError, match="失败 1"):
        run(write_jsonl(tmp_path / "docs.jsonl", lines), "--index-inline")
    assert "流水号过大" in capsys.readouterr().err
    assert published_item(org, editor, reviewer).index_no == f"{org.credit_code}/{year}-00001"


@pytest.mark.django_db(transaction=True)
def test_reimporting_lines_without_index_no_or_source_url_duplicates_nothing(org, tmp_path, capsys):
    plain = {"title": "旧站信息", "organization": org.credit_code, "body_text": "正文", "published_at": "2020-08-12"}
    lines = [plain, {**plain, "doc_number": "源政办字〔2020〕1号"}, {**plain, "published_at": "2020-08-13"}]
    path = write_jsonl(tmp_path / "docs.jsonl", lines)
    run(path, "--index-inline")
    run(path, "--index-inline")
    assert InformationItem.objects.filter(title="旧站信息").count() == 3
    assert "新建 0，更新 0，未变 3，失败 0" in capsys.readouterr().out.splitlines()[-1]
    run(write_jsonl(tmp_path / "docs.jsonl", [{**plain, "body_text": "更正后的正文"}]), "--index-inline")
    assert InformationItem.objects.filter(title="旧站信息").count() == 3
    assert "更正后的正文" in InformationItem.objects.get(title="旧站信息", doc_number="",
                                                      published_at__date=dt.date(2020, 8, 12)).body


@pytest.mark.django_db
def test_blank_titles_and_bodies_that_are_blank_or_only_script_are_line_errors_and_publish_nothing(org, tmp_path,
                                                                                                   capsys):
    lines = [good(org, title="   ", attachments=[], index_no=None),
             good(org, organization=" \u3000 ", attachments=[], index_no=None),
             good(org, body_html="  \n\t ", attachments=[], index_no=None),
             good(org, body_html="<script>alert(1)</script><p> &nbsp; </p>", attachments=[], index_no=None),
             good(org, title="只有脚本的正文另附纯文本", body_html="<script>alert(1)</script>", body_text="正文第一段",
                  attachments=[], index_no=None)]
    with pytest.raises(CommandError, match="失败 4"):
        run(write_jsonl(tmp_path / "docs.jsonl", lines), "--index-inline")
    errors = capsys.readouterr().err
    assert "第 1 行：缺少必填字段 title（名称）" in errors
    assert "第 2 行：缺少必填字段 organization（发布机构）" in errors
    assert "第 3 行：缺少正文：body_html 或 body_text 必须有一个" in errors
    assert "第 4 行：body_html（正文）清理后没有文字" in errors
    assert InformationItem.objects.get().body == "<p>正文第一段</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("changes, reason", [
    ({"title": "关于\x07印发的通知"}, "title（名称）含控制字符"),
    ({"doc_number": "源政办字\x1b〔2020〕66号"}, "doc_number（发文字号）含控制字符"),
    ({"summary": "概述\x00"}, "summary（内容概述）含控制字符"),
    ({"keywords": ["政务\x08公开"]}, "keywords（主题词）含控制字符"),
    ({"catalog": ["法定主动公开内容/规划\x7f信息"]}, "catalog（目录）含控制字符"),
    ({"attachments": [{"name": "要点\x07.pdf", "path": "files/要点.pdf"}]}, "attachments（附件）的名称含控制字符"),
])
def test_control_characters_in_a_line_are_line_errors(org, changes, reason):
    """A title with a bell or an escape character would be published as is, and broke every feed that listed it."""
    with pytest.raises(LineError, match=re.escape(reason)):
        parse_line(json.dumps(good(org, **{"attachments": [], **changes}), ensure_ascii=False))


@pytest.mark.django_db
def test_control_characters_in_a_body_are_dropped_and_words_line_breaks_kept(org):
    record = line(org, body_html="<p>第一行\x0b第二行\x07。</p>", title="关于\x0b印发的通知")
    assert record.body_html == "<p>第一行\n第二行。</p>" and record.title == "关于 印发的通知"
    record = line(org, body_html="", body_text="正文\x00第一段\x1b\n第二段")
    assert record.body_html == "<p>正文第一段</p><p>第二段</p>"



@pytest.mark.django_db
@pytest.mark.parametrize("changes, reason", [
    ({"title": "关于印发的通知\u202e"}, "title（名称）含看不见的文字方向控制字符"),
    ({"doc_number": "\u2066源政办字〔2020〕66号"}, "doc_number（发文字号）含看不见的文字方向控制字符"),
    ({"keywords": ["政务\u202d公开"]}, "keywords（主题词）含看不见的文字方向控制字符"),
    ({"attachments": [{"name": "要点\u202efdp.exe", "path": "files/要点.pdf"}]}, "attachments（附件）的名称含看不见的文字方向控制字符"),
])
def test_bidi_controls_in_a_single_line_field_are_line_errors(org, changes, reason):
    """As every form and the spreadsheet imports: 「通知\u202e…」 would be published reordered in every list."""
    with pytest.raises(LineError, match=re.escape(reason)):
        parse_line(json.dumps(good(org, **{"attachments": [], **changes}), ensure_ascii=False))


@pytest.mark.django_db
def test_right_to_left_text_in_the_summary_and_body_still_imports(org):
    record = line(org, summary="摘要：\u202bمرحبا\u202c", body_html="<p>\u2067مرحبا\u2069</p>")
    assert "\u202b" in record.summary and "\u2067" in record.body_html
