"""Applicant ID numbers, phone numbers and postcodes typed in full-width characters (１１０１…２Ｘ) were stored
as typed, so an ID number's digest differed from the same number typed in ASCII and the same-applicant
checks (fees 按件, 第三十五条 volume) missed it. Fold them (NFKC, as core.typed does now) and recompute the
digest. The number and phone are encrypted fields: read decrypted, written back encrypted by the field."""

import unicodedata

from django.db import migrations

APPLICANT_PURPOSE = "applicant-id"  # requests.services.intake.APPLICANT_PURPOSE


def _compact(value):
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def forwards(apps, schema_editor):
    from gongkai.core import crypto

    RequestCase = apps.get_model("requests", "RequestCase")
    rows = RequestCase.objects.exclude(id_number="", phone="", postcode="").only("id_number", "phone", "postcode")
    for case in rows.iterator(chunk_size=500):
        changes = {}
        if case.id_number and not case.id_number.isascii():
            number = _compact(case.id_number).upper()
            changes["id_number"], changes["id_digest"] = number, crypto.digest(APPLICANT_PURPOSE, number)
        if case.phone and not case.phone.isascii():
            changes["phone"] = _compact(case.phone)
        if case.postcode and not case.postcode.isascii():
            changes["postcode"] = _compact(case.postcode)
        if changes:
            RequestCase.objects.filter(pk=case.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("requests", "0016_model_verbose_names")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
