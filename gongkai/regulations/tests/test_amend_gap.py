"""A 修改 makes the amending document the current text of the amended one from its 生效日期 (`history.current_text`):
the amending document must be in force by then, or the current text points at a document 尚未施行. As for 替代
(test_replace_gap.py): a 修改 dated before the amending document's 施行日期 is refused on 生效日期, and moving the
amending document's 施行日期 past a 修改 it makes is refused on 施行日期, in Chinese."""

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
    new = normative_document(org, editor, reviewer, title="沂源县人民政府关于修改《沂源县城区养犬管理办法》的决定",
                             doc_number="源政办发〔2023〕2号", promulgated_on="2023-03-01", effective_from="2023-04-01",
                             expires_on="2028-03-31")
    return old, new


def test_an_amendment_dated_before_the_amending_documents_effective_date_is_refused(reviewer, pair):
    old, new = pair
    with pytest.raises(ActionRefused) as refused:
        services.amend(reviewer, new, old, effective_on=D("2023-03-15"))
    assert refused.value.field == "effective_on"
    assert refused.value.reason.startswith("修改的生效日期不能早于本文件的施行日期（2023-04-01）")
    old.refresh_from_db()
    assert old.validity == "valid" and not old.incoming.exists()


def test_moving_the_amending_documents_effective_date_past_the_amendment_is_refused_on_its_field(
        client, reviewer, pair):
    old, new = pair
    services.amend(reviewer, new, old)  # from 2023-04-01, the amending document's 施行日期
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:edit", kwargs={"document_id": new.pk}),
                           _meta(new, effective_from="2023-05-01"))
    form, errors = _errors(response)
    assert list(errors) == ["effective_from"] and not form.non_field_errors()
    assert errors["effective_from"][0].startswith("施行日期不能晚于2023-04-01：本文件自该日起修改《沂源县城区养犬管理办法》")
    new.refresh_from_db()
    assert new.effective_from == D("2023-04-01")
    page = client.get(reverse("regulations:detail", kwargs={"document_id": old.pk})).content.decode()
    assert "关于修改《沂源县城区养犬管理办法》的决定" in page  # the current text is the amending one, in force


def test_an_amendment_on_or_after_the_effective_date_is_recorded(reviewer, pair):
    old, new = pair
    services.amend(reviewer, new, old, effective_on=D("2023-04-01"))
    old.refresh_from_db()
    assert old.validity == "amended"
