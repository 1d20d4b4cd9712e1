"""Codes typed with a Chinese input method's full-width characters (１１０１…２Ｘ, １３９…, ＳＱ－２０２６…) are the
same codes as in ASCII: accepted, stored folded, matched (core.typed)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from gongkai.core import crypto
from gongkai.requests.factories import TEST_QUERY_CODE, received_case
from gongkai.requests.forms.public import ApplicantFields
from gongkai.requests.models import RequestCase
from gongkai.requests.services import intake
from gongkai.requests.services.intake import applicant_digest, same_applicant

pytestmark = pytest.mark.django_db

ASCII_ID = "11010519491231002X"
WIDE_ID = "１１０１０５１９４９１２３１００２Ｘ"


def _fields(**overrides):
    data = {"applicant_type": "natural_person", "applicant_name": "李四", "id_number": ASCII_ID,
            "phone": "13912345678", "postcode": "256100", "info_description": "2020年部门预算",
            "form_wanted": "electronic", "delivery_wanted": "online"}
    return ApplicantFields({**data, **overrides})


def test_full_width_id_phone_and_postcode_are_accepted_as_their_ascii_forms():
    form = _fields(id_number=WIDE_ID, phone="１３９ １２３４ ５６７８", postcode="２５６１００")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == ASCII_ID
    assert form.cleaned_data["phone"] == "13912345678" and form.cleaned_data["postcode"] == "256100"
    landline = _fields(phone="０５３３－３２０００００")
    assert landline.is_valid() and landline.cleaned_data["phone"] == "0533-3200000"
    assert not _fields(phone="১৩৯১২৩৪৫৬৭৮").is_valid()  # other scripts' digits are not a Chinese phone number


def test_a_phone_copied_from_contacts_with_direction_marks_is_read_as_the_number():
    """A phone's contacts app wraps a copied number in invisible direction marks (U+202A … U+202C, U+2066 …
    U+2069): the field was refused with 「不能包含控制字符」 on a number that looks right."""
    for copied in ("\u202a139 1234 5678\u202c", "\u2066０５３３-３２０００００\u2069", "\u200e13912345678"):
        form = _fields(phone=copied)
        assert form.is_valid(), (copied, form.errors)
        assert form.cleaned_data["phone"] in ("13912345678", "0533-3200000")
    assert not _fields(applicant_name="李四\u202e").is_valid()  # the name keeps the refusal


def test_the_same_applicant_typed_full_width_is_the_same_applicant(org):
    assert applicant_digest(WIDE_ID) == applicant_digest(ASCII_ID)
    first = received_case(org, dt.date(2026, 3, 2), id_number=ASCII_ID)
    second = intake.submit_online(org, {"applicant_type": "natural_person", "applicant_name": "李四",
                                        "id_number": WIDE_ID, "info_description": "2020年部门预算"}).case
    assert RequestCase.objects.get(pk=second.pk).id_number == ASCII_ID
    assert set(same_applicant(second)) == {first, second}


def test_the_lookup_accepts_a_full_width_number_and_code(client, org):
    case = received_case(org, dt.date(2026, 3, 2))
    wide = {"tracking_number": case.tracking_number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
            "query_code": TEST_QUERY_CODE.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}).lower()}
    assert wide["tracking_number"] != case.tracking_number
    response = client.post(reverse("requests_public:lookup"), wide)
    assert response.status_code == 302 and response.url == reverse("requests_public:case")


def test_the_migration_folds_stored_full_width_numbers(org):
    ascii_case = received_case(org, dt.date(2026, 3, 2), id_number=ASCII_ID)
    old = received_case(org, dt.date(2026, 3, 3))
    with connection.cursor() as cursor:  # stored as the old code stored it: as typed, digest of that
        cursor.execute("UPDATE requests_requestcase SET id_number = %s, id_digest = %s, phone = %s, postcode = %s "
                       "WHERE id = %s", [crypto.encrypt(WIDE_ID), crypto.digest("applicant-id", WIDE_ID),
                                         crypto.encrypt("1３９12345678"), "２５６１００", old.pk])
    migration = importlib.import_module("gongkai.requests.migrations.0017_fold_fullwidth_applicant_codes")
    migration.forwards(apps, None)
    old = RequestCase.objects.get(pk=old.pk)
    assert (old.id_number, old.phone, old.postcode) == (ASCII_ID, "13912345678", "256100")
    assert old.id_digest == ascii_case.id_digest
    assert set(same_applicant(old)) == {old, ascii_case}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM requests_requestcase WHERE id = %s", [old.pk])
        assert ASCII_ID not in cursor.fetchone()[0]  # still encrypted
