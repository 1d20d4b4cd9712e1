"""regulations.services.annual_counts: the 规范性文件 figures of the annual report's table 2."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.publishing.models import InformationItem
from gongkai.regulations import services
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


def _published_on(document, day: str) -> None:
    moment = timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10)))
    InformationItem.objects.filter(pk=document.item_id).update(published_at=moment)


def test_issued_repealed_and_in_force_per_year(org, other_org, editor, reviewer):
    a = normative_document(org, editor, reviewer, title="甲办法", doc_number="源发〔2019〕1号",
                           promulgated_on="2019-05-01", effective_from="2019-06-01", expires_on="2024-05-31")
    b = normative_document(org, editor, reviewer, title="乙办法", doc_number="源发〔2020〕1号",
                           promulgated_on="2020-03-01", effective_from="2020-04-01", expires_on="2025-03-31")
    c = normative_document(org, editor, reviewer, title="丙办法", doc_number="源发〔2020〕2号",
                           promulgated_on="2020-06-01", effective_from="2020-07-01", expires_on="2025-06-30")
    d = normative_document(org, editor, reviewer, title="丁办法", doc_number="源发〔2021〕1号",
                           promulgated_on="2021-02-01", effective_from="2021-03-01", expires_on="2026-02-28")
    services.repeal(reviewer, c, a, effective_on=dt.date(2020, 7, 1))
    for document, day in ((a, "2019-05-02"), (b, "2020-03-02"), (c, "2020-06-02"), (d, "2021-02-02")):
        _published_on(document, day)
    other_editor, other_reviewer = user_with_role(other_org, Role.EDITOR), user_with_role(other_org, Role.REVIEWER)
    normative_document(other_org, other_editor, other_reviewer, title="他单位办法", doc_number="他发〔2020〕1号")

    assert services.annual_counts([org.id], 2019) == {
        "issued": 1, "repealed": 0, "in_force": 1, "published": 1, "published_total": 1}
    # 2020: 乙 and 丙 issued, 甲 repealed by 丙 on 1 July; 乙 and 丙 in force on 31 December.
    assert services.annual_counts([org.id], 2020) == {
        "issued": 2, "repealed": 1, "in_force": 2, "published": 2, "published_total": 3}
    assert services.annual_counts([org.id], 2021) == {
        "issued": 1, "repealed": 0, "in_force": 3, "published": 1, "published_total": 4}
    assert services.annual_counts([org.id, other_org.id], 2020)["issued"] == 3


def test_unpublished_documents_do_not_count(org, editor, reviewer):
    document = normative_document(org, editor, reviewer, promulgated_on="2020-03-01")
    InformationItem.objects.filter(pk=document.item_id).update(state="draft", published_at=None)
    assert services.annual_counts([org.id], 2020)["issued"] == 0


def test_in_force_counts_documents_in_force_on_31_december(org, editor, reviewer):
    """现行有效件数 (annual-report.md table 2, `in_force`; 「截至Y年底现行有效」): a document promulgated in
    December that takes effect in January is not in force on 31 December; one whose 有效期至 passed before
    then is not either, even before the sweep recorded its lapse."""
    normative_document(org, editor, reviewer, title="甲办法", doc_number="源发〔2020〕1号",
                       promulgated_on="2020-03-01", effective_from="2020-04-01", expires_on="2025-03-31")
    waiting = normative_document(org, editor, reviewer, title="乙办法", doc_number="源发〔2020〕2号",
                                 promulgated_on="2020-12-20", effective_from="2021-01-01", expires_on="2025-12-31")
    normative_document(org, editor, reviewer, title="丙办法", doc_number="源发〔2020〕3号",
                       promulgated_on="2020-12-30", effective_from="2020-12-31", expires_on="2025-12-30")
    short = normative_document(org, editor, reviewer, title="丁暂行办法", doc_number="源发〔2019〕1号",
                               promulgated_on="2019-01-01", effective_from="2019-01-01", expires_on="2020-12-30")
    _published_on(waiting, "2020-12-21")
    assert short.validity == "valid"  # its lapse not recorded (no sweep ran in this test)
    counts = services.annual_counts([org.id], 2020)
    assert counts["issued"] == 3 and counts["in_force"] == 2  # 甲, 丙: not 乙 (2021-01-01), not 丁 (ended 12-30)
    assert services.annual_counts([org.id], 2021)["in_force"] == 3  # 乙 from 1 January
