"""Editing a 规范性文件 keeps its 制定机关 as registered: a lead registered earlier under another organ, or a
联合制定机关 abolished since (机构改革), must neither block the edit nor be dropped from the record."""

import pytest
from django.urls import reverse

from gongkai.organizations.factories import OrganizationFactory
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import Issuer

pytestmark = pytest.mark.django_db

META = {"promulgated_on": "2020-09-01", "effective_from": "2020-10-01", "expires_on": "2025-09-30",
        "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20", "legality_opinion": "合法（改）"}


def _document(org, editor, reviewer):
    return normative_document(org, editor, reviewer, promulgated_on="2020-09-01", effective_from="2020-10-01",
                              expires_on="2025-09-30")


def _edit(client, document, **issuers):
    return client.post(reverse("regulations_staff:edit", kwargs={"document_id": document.pk}), {**META, **issuers})


def test_a_lead_registered_under_another_organ_can_still_be_edited(client, org, editor, reviewer):
    document = _document(org, editor, reviewer)
    county = OrganizationFactory(name="某县人民政府")
    Issuer.objects.filter(document=document).delete()
    Issuer.objects.create(document=document, organization=county, position=0)
    Issuer.objects.create(document=document, organization=org, position=1)
    client.force_login(reviewer)  # a published entry is corrected by the 审核员
    assert _edit(client, document, lead_issuer=county.pk, co_issuers=[org.pk]).status_code == 302
    document.refresh_from_db()
    assert document.legality_opinion == "合法（改）"
    assert [o.pk for o in document.issuer_list()] == [county.pk, org.pk]


def test_an_abolished_co_issuer_stays_on_the_record_through_an_edit(client, org, editor, reviewer):
    document = _document(org, editor, reviewer)
    partner = OrganizationFactory(name="某县原物价局")
    Issuer.objects.create(document=document, organization=partner, position=1)
    partner.is_active = False
    partner.save()
    client.force_login(reviewer)  # a published entry is corrected by the 审核员
    assert _edit(client, document, lead_issuer=org.pk, co_issuers=[partner.pk]).status_code == 302
    document.refresh_from_db()
    assert document.legality_opinion == "合法（改）"
    assert partner in document.issuer_list()
    # An abolished organ not on the record is still refused.
    gone = OrganizationFactory(name="某县原粮食局", is_active=False)
    response = _edit(client, document, lead_issuer=org.pk, co_issuers=[partner.pk, gone.pk])
    assert response.status_code == 200
    assert gone not in document.issuer_list()
