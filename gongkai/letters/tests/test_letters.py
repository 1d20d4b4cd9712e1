"""The 公文 renderer, 发文字号 numbering, unit-editable templates and the immutability of issued documents."""

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.letters import registry, services
from gongkai.letters.models import ImmutableError, IssuedDocument
from gongkai.letters.render import Letter, Paragraph, Table, chinese_date, render_docx, render_pdf

LETTER = Letter(
    title="关于报送2020年政务公开工作情况的通报", doc_number="源政办字〔2020〕7号", recipient="各镇人民政府、街道办事处",
    body=(Paragraph("一、总体情况", heading=True), Paragraph("全县各单位按照工作要点推进政务公开。"),
          Table(("单位", "得分"), (("县文化和旅游局", "96"), ("县财政局", "94")), "测评结果")),
    signature_org="沂源县人民政府办公室", date=dt.date(2020, 12, 3), issuer_mark="沂源县人民政府办公室",
    attachments=("测评细则", "整改清单"), note="（联系电话：0533-3241234）",
)


def test_pdf_carries_every_part_in_chinese():
    reader = PdfReader(io.BytesIO(render_pdf(LETTER)))
    text = "".join(page.extract_text() for page in reader.pages)
    for part in ("沂源县人民政府办公室", "源政办字〔2020〕7号", "关于报送2020年政务公开工作情况的通报", "各镇人民政府、街道办事处：",
                 "一、总体情况", "县文化和旅游局", "附件：1. 测评细则", "2. 整改清单", "2020年12月3日", "— 1 —"):
        assert part in text, part
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 1  # A4


def test_docx_opens_with_the_gbt9704_page():
    document = docx.Document(io.BytesIO(render_docx(LETTER)))
    section = document.sections[0]
    mm = lambda length: round(length.mm)  # noqa: E731  (stored in twips)
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(section.top_margin), mm(section.left_margin), mm(section.right_margin), mm(section.bottom_margin)] == [
        37, 28, 26, 35]
    texts = [p.text for p in document.paragraphs]
    assert "关于报送2020年政务公开工作情况的通报" in texts and "2020年12月3日" in texts and "（印章）" in texts
    assert document.tables[0].rows[1].cells[0].text == "县文化和旅游局"
    body = next(p for p in document.paragraphs if p.text.startswith("全县"))
    assert body.runs[0].font.name == "仿宋_GB2312"


def test_letters_snapshot_round_trip_and_dates():
    assert Letter.from_dict(LETTER.to_dict()) == LETTER
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"


def test_placeholders_fill_only_what_is_known():
    assert registry.fill("{申请人}：{未知}", {"申请人": "张三"}) == "张三：{未知}"
    assert registry.placeholders_in("{a}{b} {c d}") == {"a", "b"}


@pytest.mark.django_db
class TestNumberingAndIssuing:
    def test_serials_per_unit_prefix_and_year(self, org, other_org, editor):
        from django.db import transaction

        with transaction.atomic():
            numbers = [services.allocate_doc_number(org, "源政信复", 2026) for _ in range(2)]
            numbers.append(services.allocate_doc_number(org, "源政信补", 2026))
            numbers.append(services.allocate_doc_number(org, "源政信复", 2027))
            numbers.append(services.allocate_doc_number(other_org, "源政信复", 2026))
        assert numbers == ["源政信复〔2026〕1号", "源政信复〔2026〕2号", "源政信补〔2026〕1号", "源政信复〔2027〕1号",
                           "源政信复〔2026〕1号"]

    def test_an_issued_document_is_immutable(self, org, editor):
        document = services.issue(editor, org, "requests.correction", Letter(title="补正告知书", body=()), "源政信补")
        assert document.doc_number.startswith("源政信补〔") and document.pdf.size > 0 and document.docx.size > 0
        document.title = "改过的标题"
        with pytest.raises(ImmutableError):
            document.save()
        with pytest.raises(ImmutableError):
            IssuedDocument.objects.filter(pk=document.pk).update(title="x")
        with pytest.raises(ImmutableError):
            document.delete()
        assert IssuedDocument.objects.get(pk=document.pk).title == "补正告知书"


@pytest.mark.django_db
class TestTemplates:
    KEY = "requests.correction"

    def test_a_unit_admin_rewords_its_own_template(self, org, other_org, org_admin):
        services.save_template(org_admin, org, self.KEY, title="补正通知", body="{申请人}您好：\n请补正：{补正事项}",
                               doc_prefix="源文旅补")
        letter, prefix = services.compose(org, self.KEY, {"申请人": "张三", "补正事项": "文件名称"},
                                          on=dt.date(2026, 3, 2))
        assert prefix == "源文旅补" and letter.title == "补正通知"
        assert [p.text for p in letter.body] == ["张三您好：", "请补正：文件名称"]
        assert services.template_for(other_org, self.KEY).title == registry.get(self.KEY).title
        services.reset_template(org_admin, org, self.KEY)
        assert services.template_for(org, self.KEY).pk is None

    def test_unknown_placeholders_bad_prefixes_and_other_roles_are_refused(self, org, org_admin, editor):
        with pytest.raises(ActionRefused, match="无法识别的占位符：{身份证号}"):
            services.save_template(org_admin, org, self.KEY, title="t", body="{身份证号}", doc_prefix="源补")
        with pytest.raises(ActionRefused, match="代字"):
            services.save_template(org_admin, org, self.KEY, title="t", body="正文", doc_prefix="源〔补〕")
        with pytest.raises(ActionRefused, match="单位管理员"):
            services.save_template(editor, org, self.KEY, title="t", body="正文", doc_prefix="源补")
        other_admin = user_with_role(org, Role.EDITOR)
        with pytest.raises(ActionRefused):
            services.save_template(other_admin, org, self.KEY, title="t", body="正文", doc_prefix="源补")

    def test_every_registered_template_uses_only_its_declared_placeholders(self):
        specs = registry.specs("requests")
        assert len(specs) == 26  # 补正, two consultations, 延期, 收费, and 21 答复书
        for spec in specs:
            assert registry.placeholders_in(spec.body) <= set(spec.placeholders) | {"表格"}


@pytest.mark.django_db
def test_a_letter_of_a_rolled_back_transaction_leaves_no_file(org, editor, settings):
    """Issue #19 item 11: the DOCX and PDF of a letter whose transaction rolls back are deleted."""
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        document = services.issue(editor, org, "requests.correction", Letter(title="补正告知书", body=()), "源政信补")
        assert (settings.MEDIA_ROOT / document.pdf.name).exists()
        raise RuntimeError("the reply that needed the letter fails")
    assert not IssuedDocument.objects.exists()
    assert not [p for p in (settings.MEDIA_ROOT / "letters").rglob("*") if p.is_file()]


class TestWhereStaffTextMeetsTheTemplate:
    def test_no_doubled_marks_at_the_join(self):
        assert registry.fill("申请获取：{申请内容}。", {"申请内容": "2020年前后。"}) == "申请获取：2020年前后。"
        assert registry.fill("因{延期理由}，本机关不能按期答复。", {"延期理由": "需要调取档案。"}) == (
            "因需要调取档案，本机关不能按期答复。")
        assert registry.fill("理由：{理由}", {"理由": "涉及个人隐私,公开会损害其权益."}) == "理由：涉及个人隐私，公开会损害其权益。"
        assert registry.fill("联系电话：{电话}", {"电话": "0533-3241234"}) == "联系电话：0533-3241234"

    def test_staff_text_does_not_repeat_the_stock_reasoning(self):
        stock = "经审查，您申请公开的政府信息涉及个人隐私。{理由}根据条例第十五条的规定，本机关决定不予公开。"
        typed = "经审查，该信息记载了第三人的身份证号码和住址，依法不予公开。该信息记载了第三人的身份证号码和住址。"
        assert registry.fill(stock, {"理由": typed}) == (
            "经审查，您申请公开的政府信息涉及个人隐私。该信息记载了第三人的身份证号码和住址。"
            "根据条例第十五条的规定，本机关决定不予公开。")

    def test_a_value_typed_over_lines_becomes_paragraphs(self, db, org):
        letter, _prefix = services.compose(org, "requests.correction", {"补正事项": "1. 文件名称。\n2. 文号。"})
        assert "1. 文件名称。" in [p.text for p in letter.body] and "2. 文号。" in [p.text for p in letter.body]


def test_a_control_character_stored_before_the_forms_refused_it_does_not_break_the_docx():
    """Texts saved before the forms refused control characters (an old 台账 import) still give their DOCX,
    without those characters; the PDF already did."""
    letter = Letter(title="补正告知书", recipient="张\x01三", body=(Paragraph("请补充\x0b信息名称"),
                                                                    Table(("项目",), (("页\x1b数",),))),
                    signature_org="沂源县文化和旅游局", date=dt.date(2026, 11, 3))
    document = docx.Document(io.BytesIO(render_docx(letter)))
    text = "".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "张三" in text and "请补充信息名称" in text and "页数" in text
