"""`gongkai find_bidi_text`: the titles, names and 文号 stored with bidi controls before the forms refused them
(core.forms.install_single_line_bidi_refusal) are listed by model, field and pk; personal data by pk only."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.management.commands import find_bidi_text

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("find_bidi_text", *args, stdout=out)
    return out.getvalue()


def test_stored_bidi_text_is_listed_with_an_escaped_excerpt_and_personal_data_by_pk_only(org):
    from gongkai.publishing.factories import ItemFactory
    from gongkai.requests.factories import RequestCaseFactory

    item = ItemFactory(organization=org, title="关于做好\u202e政务公开\u202c工作的通知", doc_number="源政发〔2020〕1号")
    clean = ItemFactory(organization=org, title="没有控制字符的通知")
    case = RequestCaseFactory(organization=org, applicant_name="张\u202e三", phone="\u202a13800001234\u202c",
                              info_title="13912345678 的\u2066信息\u2069")
    org.short_name = "文旅\u2067局"
    org.save()

    lines = run().splitlines()
    assert f"publishing.informationitem\ttitle\t{item.pk}\t关于做好<U+202E>政务公开<U+202C>工作的通知" in lines
    assert not any(f"\t{clean.pk}\t" in line and "informationitem" in line for line in lines)
    assert f"organizations.organization\tshort_name\t{org.pk}\t文旅<U+2067>局" in lines
    # The applicant's name (clear text) and phone (encrypted) by primary key only; numbers masked elsewhere.
    assert f"requests.requestcase\tapplicant_name\t{case.pk}\t（个人信息，只列主键）" in lines
    assert f"requests.requestcase\tphone\t{case.pk}\t（个人信息，只列主键）" in lines
    title_line = next(line for line in lines if line.startswith(f"requests.requestcase\tinfo_title\t{case.pk}\t"))
    assert "13912345678" not in title_line and "<U+2066>信息<U+2069>" in title_line
    output = "\n".join(lines)
    assert "张" not in output and "13800001234" not in output and "\u202e" not in output
    assert "共 5 处含有双向控制字符" in output
    # Old copies kept by django-simple-history are not listed: the current record is.
    assert "historical" not in output


def test_a_clean_database_says_so_and_one_model_can_be_chosen(org):
    from gongkai.publishing.factories import ItemFactory

    item = ItemFactory(organization=org, title="通知\u202d")
    assert "没有含双向控制字符的单行文字。" in run("--model", "organizations.Organization")
    assert f"publishing.informationitem\ttitle\t{item.pk}\t通知<U+202D>" in run("--model", "publishing.informationitem")
    with pytest.raises(CommandError, match="没有名为“nosuch.model”"):
        run("--model", "nosuch.model")


def test_the_commands_list_of_unrecorded_fields_is_the_audit_logs():
    from gongkai.audit.services import SENSITIVE_FIELDS

    assert find_bidi_text.SENSITIVE_NAMES == SENSITIVE_FIELDS


def test_a_letters_recipient_is_listed_by_pk_only(org):
    """A 告知书's 主送 is the applicant's name (requests.case_letters: case.applicant_name), stored in the clear on
    the issued letter like on the case: by primary key only, as the case's own field."""
    import datetime as dt

    from gongkai.letters.models import IssuedDocument

    letter = IssuedDocument.objects.create(
        organization=org, template_key="notice", doc_number="源政依申〔2026〕1号", title="告知书", recipient="李\u202e四",
        issued_on=dt.date(2026, 3, 2), content={}, docx="x.docx", pdf="x.pdf", docx_sha256="0" * 64,
        pdf_sha256="0" * 64)
    output = run("--model", "letters.issueddocument")
    assert f"letters.issueddocument\trecipient\t{letter.pk}\t（个人信息，只列主键）" in output
    assert "李" not in output
