"""A 替代 ends the older document on its 生效日期 and puts the newer one in its place. Moving the newer one's
施行日期 past that day would leave days on which neither is in force (the older one 已废止, the newer one
尚未施行): the edit is refused on the 施行日期 field, in Chinese, and so is a 替代 dated before the newer one's
施行日期. A 废止 without replacement, or a 替代 cancelled because its source ended first, sets no such bound."""

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.regulations import services
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.tests.test_refusal_fields import _errors, _meta

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(org, editor, reviewer):
    old = normative_document(org, editor, reviewer, title="沂源县城区养犬管理办法", doc_number="源政办发〔2021〕1号",
                             promulgated_on="2021-01-01", effective_from="2021-02-01", expires_on="2026-01-31")
    new = normative_document(org, editor, reviewer, title="沂源县养犬管理办法", doc_number="源政办发〔2023〕2号",
                             promulgated_on="2023-03-01", effective_from="2023-04-01", expires_on="2028-03-31")
    return old, new


def test_moving_the_replacements_effective_date_past_the_replacement_is_refused_on_its_field(
        client, reviewer, pair):
    old, new = pair
    services.replace(reviewer, new, old)  # from 2023-04-01, the new one's 施行日期
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": new.pk}),
                           _meta(new, effective_from="2023-05-01"))
    form, errors = _errors(response)
    assert list(errors) == ["effective_from"] and not form.non_field_errors()
    assert errors["effective_from"][0].startswith("施行日期不能晚于2023-04-01：本文件自该日起替代《沂源县城区养犬管理办法》")
    new.refresh_from_db()
    assert new.effective_from == D("2023-04-01")


def test_a_replacement_dated_before_the_new_documents_effective_date_is_refused(reviewer, pair):
    old, new = pair
    with pytest.raises(ActionRefused) as refused:
        services.replace(reviewer, new, old, effective_on=D("2023-03-15"))
    assert refused.value.field == "effective_on" and "2023-04-01" in refused.value.reason
    old.refresh_from_db()
    assert old.validity == "valid"


def test_a_repeal_sets_no_such_bound(client, reviewer, pair):
    old, new = pair
    services.repeal(reviewer, new, old, effective_on=D("2023-03-15"))  # 废止 without replacement: allowed
    services.update_document(reviewer, new, {"effective_from": D("2023-05-01")})
    new.refresh_from_db()
    assert new.effective_from == D("2023-05-01")


def test_correcting_a_typo_in_a_document_recorded_with_an_earlier_replacement_is_not_refused(client, reviewer, pair):
    """A 替代 recorded before the rule (or imported) may be dated before the newer document's 施行日期 (「原办法自本办法
    公布之日起废止」): the reviewer correcting a typo in its 文号 or 合法性审核意见 — not its 施行日期 — is not refused
    on a 施行日期 nobody touched; moving that 施行日期 later still is."""
    from gongkai.regulations.models import Relation

    old, new = pair
    services.replace(reviewer, new, old)
    Relation.objects.filter(source=new, target=old).update(effective_on=D("2023-03-01"))  # as recorded then
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": new.pk}),
                           _meta(new, legality_opinion="经审核，合法。"))
    assert response.status_code == 302, _errors(response)[1]
    new.refresh_from_db()
    assert new.legality_opinion == "经审核，合法。" and new.effective_from == D("2023-04-01")
    with pytest.raises(ActionRefused) as refused:
        services.update_document(reviewer, new, {"effective_from": D("2023-04-15")})
    assert refused.value.field == "effective_from"



def test_correcting_a_document_repealed_before_it_took_effect_is_not_refused(org, editor, reviewer, pair):
    """A document repealed before its 施行日期 (it never took effect) still takes a correction of its 合法性审核意见;
    moving its 施行日期 later still is refused."""
    _old, new = pair
    waiting = normative_document(org, editor, reviewer, title="沂源县犬只登记暂行办法", doc_number="源政办发〔2023〕3号",
                                 promulgated_on="2023-03-05", effective_from="2023-06-01", expires_on="2025-05-31")
    services.repeal(reviewer, new, waiting, effective_on=D("2023-04-01"))  # before its 施行日期
    services.update_document(reviewer, waiting, {"legality_opinion": "经审核，合法。"})
    waiting.refresh_from_db()
    assert waiting.legality_opinion == "经审核，合法。" and waiting.validity == "repealed"
    with pytest.raises(ActionRefused) as refused:
        services.update_document(reviewer, waiting, {"effective_from": D("2023-07-01")})
    assert refused.value.field == "effective_from"
