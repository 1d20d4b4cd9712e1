"""How case facts read inside the letters: the 收费通知书's 计收方式 (no 「按按量计收」, also in a unit's own
older copy of the wording) and an applicant's 补正 woven into 申请内容 instead of a raw 【补正】 mark."""

import datetime as dt
from importlib import import_module

import pytest

from gongkai.letters.models import LetterTemplate
from gongkai.letters.registry import get
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import RequestCase
from gongkai.requests.services import handling
from gongkai.requests.tests.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def _fee_letter(org, editor, basis, pages=None, received="2020-03-03"):
    case = received_case(org, D(received), state=State.PROCESSING)
    return handling.notify_fee(editor, case, basis, pages, D(received) + dt.timedelta(days=1)).event.document


def test_the_fee_notice_names_the_basis_once(org, editor):
    document = _fee_letter(org, editor, "by_page", 150)
    for text in (pdf_text(document.pdf), docx_text(document.docx)):
        assert "本机关按量计收，向您收取信息处理费人民币" in text and "按按" not in text
    cases = [received_case(org, D("2020-05-04"), state=State.PROCESSING) for _ in range(11)]
    eleventh = max(cases, key=lambda c: c.pk)
    document = handling.notify_fee(editor, eleventh, "by_request", None, D("2020-05-06")).event.document
    assert "本机关按件计收，向您收取" in pdf_text(document.pdf)


def test_a_units_own_copy_of_the_old_wording_is_reworded(org, editor):
    from django.apps import apps

    old = get("requests.fee").body.replace("本机关{计收方式}，向您收取", "本机关按{计收方式}向您收取")
    template = LetterTemplate.objects.create(organization=org, key="requests.fee", title="收费通知书",
                                             body=old + "\n本单位加注。", doc_prefix="源政信费")
    import_module("gongkai.requests.migrations.0019_fee_notice_basis_wording").reword(apps, None)
    template.refresh_from_db()
    assert "按{计收方式}" not in template.body and template.body.endswith("本单位加注。")
    text = pdf_text(_fee_letter(org, editor, "by_page", 150).pdf)
    assert "本机关按量计收，向您收取" in text and "本单位加注" in text


def test_a_correction_reads_as_corrected_content_in_letters_and_the_record_keeps_it(org, editor):
    case = received_case(org, D("2020-03-03"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明所需文件的名称或文号", 10, D("2020-03-05"))
    handling.receive_correction(editor, case, D("2020-03-10"), "2024年预算。")
    stored = RequestCase.objects.get(pk=case.pk).info_description
    assert stored.endswith("报告全文\n【补正】2024年预算。")  # the record as filed, unchanged
    handling.consult(editor, case, "third_party", "李四", "李四的营业执照信息", D("2020-03-11"))
    document = case.documents.get(document__template_key="requests.consultation.third_party").document
    for text in (pdf_text(document.pdf), docx_text(document.docx)):
        assert "报告全文（补正内容：2024年预算）。" in text and "【补正】" not in text
