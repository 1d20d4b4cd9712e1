"""import_documents / export_documents against the contract in /work/shared/spec/document-import.md."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.search import services as search
from gongkai.search.query import SearchQuery

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def write_jsonl(path, records):
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "要点.pdf").write_bytes(PDF)
    (tmp_path / "files" / "fake.pdf").write_bytes(b"MZ\x90\x00 not a pdf")
    return tmp_path


def good(org, **changes):
    record = {
        "title": "关于印发沂源县2020年政务公开工作要点的通知",
        "organization": org.credit_code,
        "body_html": '<p>各镇人民政府：</p><script>alert(1)</script><p onclick="x()">现印发。<a href="javascript:x()">链接</a></p>',
        "index_no": f"{org.credit_code}/2020-00066",
        "doc_number": "源政办字〔2020〕66号",
        "written_on": "2020-08-10",
        "published_at": "2020-08-12",
        "catalog": ["法定主动公开内容/规划信息"],
        "topic": "综合政务",
        "keywords": ["政务公开", "工作要点"],
        "validity": "有效",
        "attachments": [{"name": "要点.pdf", "path": "files/要点.pdf"}],
        "source_url": "http://www.yiyuan.gov.cn/art/2020/8/12/art_1_66.html",
    }
    record.update(changes)
    return record


def run(path, *args):
    call_command("import_documents", str(path), "--no-progress", *args)


@pytest.mark.django_db(transaction=True)
def test_import_creates_published_items_with_everything_and_indexes_them(org, folder, capsys):
    run(write_jsonl(folder / "docs.jsonl", [good(org)]))
    item = InformationItem.objects.get()
    assert item.state == "published" and item.index_no == f"{org.credit_code}/2020-00066"
    assert timezone.localtime(item.published_at) == dt.datetime(2020, 8, 12, tzinfo=timezone.get_default_timezone())
    assert item.written_on == dt.date(2020, 8, 10) and item.formed_on == dt.date(2020, 8, 10)
    assert "<script>" not in item.body and "onclick" not in item.body and "javascript:" not in item.body
    assert [n.path for n in item.catalog_nodes.all()] == ["法定主动公开内容/规划信息"]
    assert (item.topic, item.validity, item.keywords) == ("01", "valid", "政务公开 工作要点")
    assert item.attachments.get().original_name == "要点.pdf" and item.attachments.get().size == len(PDF)
    assert "新建 1，更新 0，未变 0，失败 0" in capsys.readouterr().out
    hits = search.search(SearchQuery(q="源政办字[2020]66号")).hits
    assert [h.item.id for h in hits] == [item.id]


@pytest.mark.django_db
def test_reimport_is_idempotent_and_updates_changes(org, folder, capsys):
    path = write_jsonl(folder / "docs.jsonl", [good(org), good(org, index_no=None, title="无索引号的信息",
                                                                  source_url="http://old.example/2.html")])
    run(path)
    run(path)
    assert InformationItem.objects.count() == 2
    assert "新建 0，更新 0，未变 2，失败 0" in capsys.readouterr().out.splitlines()[-1]
    item = InformationItem.objects.get(title="无索引号的信息")
    assert item.index_no.startswith(f"{org.credit_code}/2020-")  # generated, since none was given
    assert item.attachments.count() == 1

    run(write_jsonl(folder / "docs.jsonl", [good(org, title="关于印发工作要点的通知（更正）")]))
    assert InformationItem.objects.count() == 2
    assert InformationItem.objects.get(index_no=f"{org.credit_code}/2020-00066").title.endswith("（更正）")
    assert "更新 1" in capsys.readouterr().out


@pytest.mark.django_db
def test_bad_lines_are_reported_with_numbers_and_the_rest_imported(org, other_org, folder, capsys):
    lines = [
        good(org, index_no=None, source_url="http://old.example/1.html"),
        "{not json",
        "[1, 2]",
        good(org, title=""),
        good(org, organization="不存在的单位"),
        good(org, body_html=None),
        good(org, published_at="去年"),
        good(org, catalog=["没有这个栏目"]),
        good(org, validity="大概有效"),
        good(org, attachments=[{"name": "x.pdf", "path": "../../etc/passwd"}]),
        good(org, attachments=[{"name": "fake.pdf", "path": "files/fake.pdf"}]),
        good(org, attachments=[{"name": "missing.pdf", "path": "files/missing.pdf"}]),
        good(org, index_no=None, body_html=None, body_text="第一段\n\n第二段 <b>不是标签</b>",
             source_url="http://old.example/2.html", attachments=[]),
    ]
    path = write_jsonl(folder / "docs.jsonl", lines)
    with pytest.raises(CommandError, match="失败 11"):
        run(path)
    errors = capsys.readouterr().err
    for number, reason in [(2, "不是有效的 JSON"), (3, "JSON 对象"), (4, "title（名称）"), (5, "不存在的单位"),
                           (6, "body_html 或 body_text"), (7, "published_at"), (8, "没有这个栏目"),
                           (9, "validity"), (10, "相对于 JSONL"), (11, "内容与扩展名不符"), (12, "找不到附件文件")]:
        assert f"第 {number} 行：" in errors and reason in errors.split(f"第 {number} 行：")[1].splitlines()[0]
    assert InformationItem.objects.count() == 2
    text_item = InformationItem.objects.get(source_url="http://old.example/2.html")
    assert text_item.body == "<p>第一段</p><p>第二段 &lt;b&gt;不是标签&lt;/b&gt;</p>"


@pytest.mark.django_db
def test_dry_run_writes_nothing(org, folder, capsys):
    run(write_jsonl(folder / "docs.jsonl", [good(org)]), "--dry-run")
    assert InformationItem.objects.count() == 0
    assert "检查完成：新建 1" in capsys.readouterr().out


@pytest.mark.django_db
def test_reimport_never_resurrects_a_withdrawn_item(org, folder, reviewer, capsys):
    from gongkai.publishing.services import withdraw

    path = write_jsonl(folder / "docs.jsonl", [good(org)])
    run(path)
    withdraw(reviewer, InformationItem.objects.get(), "已失效，撤回。")
    with pytest.raises(CommandError):
        run(path)
    assert "已被撤回或删除" in capsys.readouterr().err
    assert InformationItem.objects.get().state == "withdrawn"


def public_view(item) -> dict:
    return {
        "title": item.title, "organization": item.organization_id, "index_no": item.index_no,
        "doc_number": item.doc_number, "written_on": item.written_on, "published_at": item.published_at,
        "catalog": sorted(n.path for n in item.catalog_nodes.all()), "topic": item.topic, "keywords": item.keywords,
        "validity": item.validity, "body": item.body, "source_url": item.source_url,
        "attachments": [(a.original_name, a.sha256) for a in item.attachments.all()],
    }


@pytest.mark.django_db
def test_export_then_import_into_an_empty_site_gives_the_same_public_documents(org, other_org, folder, reviewer, tmp_path):
    from gongkai.publishing.services import withdraw

    lines = [good(org), good(org, index_no=None, title="第二份", topic="03", validity=None, keywords=[],
                             written_on=None, published_at="2021-03-04T09:30:00+08:00", attachments=[],
                             source_url=None, catalog=["法定主动公开内容/规划信息", "法定主动公开内容/规范性文件"])]
    lines.append(good(other_org, index_no=None, title="其他单位", catalog=[], attachments=[], source_url=None))
    lines.append(good(org, index_no=None, title="将被撤回", attachments=[], source_url=None))
    run(write_jsonl(folder / "docs.jsonl", lines))
    withdraw(reviewer, InformationItem.objects.get(title="将被撤回"), "撤回。")
    before = [public_view(i) for i in InformationItem.objects.live().order_by("index_no")]
    assert len(before) == 3

    out = tmp_path / "export" / "all.jsonl"
    call_command("export_documents", str(out), "--no-progress")
    InformationItem.objects.all().delete()  # an empty site (organizations and catalogs remain)
    run(out)
    after = [public_view(i) for i in InformationItem.objects.live().order_by("index_no")]
    assert after == before
    assert InformationItem.objects.count() == 3  # the withdrawn item is not exported


@pytest.mark.django_db
def test_a_failing_batch_is_retried_line_by_line(org, folder, monkeypatch, capsys):
    from gongkai.interchange import importer

    def broken(entries):
        raise RuntimeError("batch write failed")

    monkeypatch.setattr(importer, "record_migrated_items", broken)
    lines = [good(org, index_no=None, source_url=f"http://old.example/{n}.html", attachments=[]) for n in range(3)]
    run(write_jsonl(folder / "docs.jsonl", lines))
    assert InformationItem.objects.count() == 3
    assert "新建 3，更新 0，未变 0，失败 0" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_same_document_twice_in_one_file_is_created_once(org, folder, capsys):
    lines = [good(org, attachments=[]), good(org, attachments=[], title="第二次出现时的名称")]
    run(write_jsonl(folder / "docs.jsonl", lines))
    assert InformationItem.objects.get().title == "第二次出现时的名称"
    assert "新建 1，更新 1" in capsys.readouterr().out


@pytest.mark.django_db
def test_export_then_import_keeps_doc_type_summary_and_formed_on(org, folder, tmp_path):
    run(write_jsonl(folder / "docs.jsonl", [good(org, attachments=[])]))
    fields = {"doc_type": "通知", "summary": "第一段概述。\n第二段概述。", "formed_on": dt.date(2020, 8, 11)}
    InformationItem.objects.update(**fields)
    out = tmp_path / "export" / "all.jsonl"
    call_command("export_documents", str(out), "--no-progress")
    InformationItem.objects.all().delete()
    run(out)
    item = InformationItem.objects.get()
    assert (item.doc_type, item.summary, item.formed_on) == tuple(fields.values())
    run(write_jsonl(folder / "old.jsonl", [good(org, attachments=[], body_html="<p>更正后的正文</p>")]))
    item.refresh_from_db()  # a line without the extensions leaves them as they are
    assert (item.doc_type, item.summary, item.formed_on) == ("通知", fields["summary"], dt.date(2020, 8, 10))
