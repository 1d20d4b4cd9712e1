"""`gongkai check_regulation_relations` lists the stored 替代 and 修改 dated before their source's 施行日期 — a
replaced document repealed, or an amended one's current text pointing at a document not yet in force, before
the replacing or amending one takes effect — by id and title, exits with status 1 when it finds any, and
changes nothing. Such relations were recorded before `dates.check_acting_date` refused them (or imported):
the tests store them as the old code did, directly."""

import datetime as dt
from functools import partial
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.publishing.choices import Validity
from gongkai.regulations import services
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import Event, NormativeDocument, Relation

pytestmark = pytest.mark.django_db


def _document(org, editor, reviewer, title, number, promulgated_on, effective_from):
    return normative_document(org, editor, reviewer, title=title, doc_number=number, promulgated_on=promulgated_on,
                              effective_from=effective_from,
                              expires_on=str(dt.date.fromisoformat(effective_from) + dt.timedelta(days=1000)))


def _snapshot() -> tuple:
    return (list(Relation.objects.order_by("pk").values()), list(Event.objects.order_by("pk").values()),
            list(NormativeDocument.objects.order_by("pk").values()), AuditEvent.objects.count())


@pytest.fixture
def documents(org, editor, reviewer):
    new = partial(_document, org, editor, reviewer)
    return {
        "dogs_old": new("沂源县城区养犬管理办法", "源政办发〔2021〕1号", "2021-01-01", "2021-02-01"),
        "dogs_new": new("沂源县养犬管理办法", "源政办发〔2023〕2号", "2023-03-01", "2023-04-01"),
        "roads_old": new("沂源县农村公路管理办法", "源政办发〔2021〕4号", "2021-05-01", "2021-06-01"),
        "roads_amend": new("沂源县人民政府关于修改《沂源县农村公路管理办法》的决定", "源政发〔2023〕5号",
                           "2023-06-01", "2023-07-01"),
        "water_old": new("沂源县节约用水管理办法", "源政办发〔2021〕6号", "2021-07-01", "2021-08-01"),
        "water_new": new("沂源县城市节约用水管理办法", "源政办发〔2023〕7号", "2023-08-01", "2023-09-01"),
    }


def test_relations_that_leave_a_gap_are_listed_and_nothing_changes(reviewer, documents):
    d = documents
    # Stored before the rule: the 替代 a fortnight before the new document's 施行日期, the 修改 a month before.
    replaced = Relation.objects.create(source=d["dogs_new"], target=d["dogs_old"], kind=Relation.Kind.REPLACES,
                                       effective_on=dt.date(2023, 3, 15))
    amended = Relation.objects.create(source=d["roads_amend"], target=d["roads_old"], kind=Relation.Kind.AMENDS,
                                      effective_on=dt.date(2023, 6, 1))
    services.replace(reviewer, d["water_new"], d["water_old"])  # on the new one's 施行日期: no gap
    before = _snapshot()
    out = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("check_regulation_relations", stdout=out)

    assert raised.value.returncode == 1 and "共 2 条" in str(raised.value)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"关系 #{replaced.pk} 替代（生效日期 2023-03-15）")
    assert f"文件 #{d['dogs_new'].pk}《沂源县养犬管理办法》自 2023-04-01 起施行" in lines[0]
    assert f"文件 #{d['dogs_old'].pk}《沂源县城区养犬管理办法》" in lines[0]
    assert "2023-03-15 至 2023-03-31 两个文件均不施行" in lines[0]
    assert lines[1].startswith(f"关系 #{amended.pk} 修改（生效日期 2023-06-01）")
    assert f"文件 #{d['roads_old'].pk}《沂源县农村公路管理办法》的现行文本" in lines[1]
    assert "2023-06-01 至 2023-06-30 现行文本尚未施行" in lines[1]
    assert "节约用水" not in out.getvalue()
    assert _snapshot() == before


def test_a_repeal_and_a_relation_cancelled_before_it_took_effect_are_not_gaps(reviewer, documents):
    d = documents
    # A 废止 names no text in force: it may take effect before the repealing document does.
    Relation.objects.create(source=d["dogs_new"], target=d["dogs_old"], kind=Relation.Kind.REPEALS,
                            effective_on=dt.date(2023, 3, 15))
    # A 修改 whose source was repealed before it: it never takes effect (`Relation.source_ended_first`).
    Relation.objects.create(source=d["roads_amend"], target=d["roads_old"], kind=Relation.Kind.AMENDS,
                            effective_on=dt.date(2023, 6, 20))
    repealed = NormativeDocument.objects.filter(pk=d["roads_amend"].pk)
    repealed.update(validity=Validity.REPEALED, validity_since=dt.date(2023, 6, 10))
    out = StringIO()

    call_command("check_regulation_relations", stdout=out)  # exit status 0

    assert out.getvalue().strip() == "没有生效日期早于依据文件施行日期的替代或修改关系。"
