"""A refusal about one date the clerk typed is shown on that field of the form (ActionRefused(field=…)), not
as a message above it: 施行日期 before 公布日期 on 施行日期, a 公布日期 before the item's 成文日期 on 公布日期
(the register's form has no 成文日期), and through publishing's item form the 成文日期 after the register's
公布日期 on 成文日期."""

import pytest
from django.urls import reverse

from gongkai.core.forms import add_refusal
from gongkai.core.services import ActionRefused
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.models import NormativeDocument

pytestmark = pytest.mark.django_db

FORM = {"title": "沂源县文化市场管理办法", "doc_number": "源文旅发〔2020〕1号", "doc_type": "通知", "written_on": "2020-09-01",
        "topic": "06", "body": "<p>第一条</p>", "promulgated_on": "2020-09-01", "effective_from": "2020-10-01",
        "expires_on": "2025-09-30", "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20",
        "legality_opinion": "合法"}


def _meta(document, **changes):
    data = {"lead_issuer": document.issuer_list()[0].pk, "promulgated_on": document.promulgated_on.isoformat(),
            "effective_from": document.effective_from.isoformat(), "expires_on": document.expires_on.isoformat(),
            "legality_reviewer": document.legality_reviewer,
            "legality_reviewed_on": document.legality_reviewed_on.isoformat(),
            "legality_opinion": document.legality_opinion}
    return {**data, **changes}


def _errors(response):
    form = response.context["form"]
    return form, {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_creating_puts_the_date_refusal_on_its_field(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:create"),
                           {**FORM, "organization": org.pk, "lead_issuer": org.pk, "effective_from": "2020-08-01",
                            "expires_on": "2025-07-31"})
    assert response.status_code == 200 and not NormativeDocument.objects.exists()
    form, errors = _errors(response)
    assert errors == {"effective_from": ["施行日期不能早于公布日期。"]}
    assert not form.non_field_errors()
    page = response.content.decode()  # the summary links to the field, the field shows the reason
    assert 'href="#id_effective_from"' in page


def test_registering_an_item_puts_its_written_date_refusal_on_the_promulgation_date(client, org, editor, reviewer):
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing.factories import published_item

    ensure_catalog(org)
    item = published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1")], title="沂源县殡葬管理办法",
                          doc_number="源政办发〔2020〕8号", written_on=D("2020-09-05"))
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:register", kwargs={"item_id": item.pk}),
                           {"lead_issuer": org.pk, "promulgated_on": "2020-09-01", "effective_from": "2020-10-01",
                            "expires_on": "2025-09-30", "legality_reviewer": "沂源县司法局",
                            "legality_reviewed_on": "2020-08-20", "legality_opinion": "合法"})
    assert response.status_code == 200 and not NormativeDocument.objects.exists()
    form, errors = _errors(response)
    assert errors == {"promulgated_on": ["成文日期不能晚于公布日期（文件须先成文、后公布）。"]}
    assert not form.non_field_errors()


def test_editing_puts_the_date_refusal_on_its_field(client, org, editor, reviewer):
    doc = normative_document(org, editor, reviewer, promulgated_on="2022-01-01", effective_from="2022-02-01",
                             expires_on="2026-12-31", written_on=D("2021-12-20"))
    client.force_login(reviewer)
    url = reverse("regulations_staff:edit", kwargs={"document_id": doc.pk})
    response = client.post(url, _meta(doc, promulgated_on="2021-12-10", legality_reviewed_on="2021-12-01"))
    form, errors = _errors(response)
    assert errors == {"promulgated_on": ["成文日期不能晚于公布日期（文件须先成文、后公布）。"]}
    response = client.post(url, _meta(doc, expires_on="2030-12-31"))  # published: 有效期至 only by renewal
    form, errors = _errors(response)
    assert list(errors) == ["expires_on"] and "延长有效期" in errors["expires_on"][0]
    doc.refresh_from_db()
    assert (doc.promulgated_on, doc.expires_on) == (D("2022-01-01"), D("2026-12-31"))


def test_the_item_form_puts_the_registers_refusal_on_the_written_date(client, org, editor, reviewer):
    doc = normative_document(org, editor, reviewer, promulgated_on="2022-01-01", effective_from="2022-02-01",
                             expires_on="2026-12-31", written_on=D("2021-12-20"))
    client.force_login(reviewer)
    url = reverse("publishing:edit", kwargs={"item_id": doc.item_id})
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "attachments"}
    data["catalog_nodes"] = [node.pk for node in doc.item.catalog_nodes.all()]
    data["written_on"] = "2022-01-06"
    response = client.post(url, data)
    assert response.status_code == 200
    form, errors = _errors(response)
    assert errors == {"written_on": ["成文日期不能晚于公布日期（文件须先成文、后公布）。"]}
    doc.item.refresh_from_db()
    assert doc.item.written_on == D("2021-12-20")


def test_a_refusal_without_a_field_or_with_one_the_form_lacks_goes_above_the_form():
    from django import forms

    class Form(forms.Form):
        day = forms.DateField()

    form = Form({"day": "2020-01-01"})
    assert form.is_valid()
    add_refusal(form, ActionRefused("整体拒绝。"))
    add_refusal(form, ActionRefused("别处的字段。", field="elsewhere"))
    add_refusal(form, ActionRefused("日期有误。", field="day"))
    assert form.non_field_errors() == ["整体拒绝。", "别处的字段。"] and form.errors["day"] == ["日期有误。"]
    assert ActionRefused("原有用法").field is None and str(ActionRefused("原有用法")) == "原有用法"
