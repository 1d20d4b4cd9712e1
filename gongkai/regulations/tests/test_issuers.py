"""A unit names itself (or a unit it keeps the register of) as 牵头制定机关; others only as 联合制定机关."""

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import NormativeDocument
from gongkai.regulations.services import annual_counts

pytestmark = pytest.mark.django_db

FORM = {"title": "沂源县文化市场管理办法", "doc_number": "源文旅发〔2026〕1号", "doc_type": "通知",
        "written_on": "2026-03-01", "topic": "06", "body": "<p>第一条</p>", "promulgated_on": "2026-03-01",
        "effective_from": "2026-04-01", "expires_on": "2031-03-31", "legality_reviewer": "沂源县司法局",
        "legality_reviewed_on": "2026-02-20", "legality_opinion": "合法"}


def test_another_organ_cannot_be_named_lead_issuer(org, other_org, editor, reviewer):
    with pytest.raises(ActionRefused, match="牵头制定机关须为发布机构"):
        normative_document(org, editor, reviewer, issuers=[other_org, org], promulgated_on="2026-03-01",
                           effective_from="2026-04-01", expires_on="2031-03-31")
    document = normative_document(org, editor, reviewer, issuers=[org, other_org], promulgated_on="2026-03-01",
                                  effective_from="2026-04-01", expires_on="2031-03-31")
    assert document.issuer_list() == [org, other_org]  # 联合发文 recorded
    assert annual_counts([org.pk], 2026)["issued"] == 1
    assert annual_counts([other_org.pk], 2026)["issued"] == 0  # co-issuers are not credited


def test_the_form_offers_only_own_units_as_lead(client, org, other_org, editor):
    client.force_login(editor)
    url = reverse("regulations_staff:create")
    page = client.get(url).content.decode()
    lead_select = page[page.index('name="lead_issuer"'):]
    lead_select = lead_select[:lead_select.index("</select>")]
    assert org.name in lead_select and other_org.name not in lead_select
    response = client.post(url, {**FORM, "organization": org.pk, "lead_issuer": other_org.pk})
    assert response.status_code == 200 and "牵头制定机关须为发布机构" in response.content.decode()
    assert not NormativeDocument.objects.exists()
    response = client.post(url, {**FORM, "organization": org.pk, "lead_issuer": org.pk, "co_issuers": [other_org.pk]})
    assert response.status_code == 302
    assert NormativeDocument.objects.get().issuer_list() == [org, other_org]
