"""A 差评's 整改情况 filled in later: the re-exported rows update the evaluation (audited, before and after),
never double it; and the staff list shows each unit only the batches holding its evaluations."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.ratings import services
from gongkai.ratings.models import Evaluation
from gongkai.ratings.tests.test_ratings import GOOD, HEADER

pytestmark = pytest.mark.django_db

BAD_ROW = "道路运输证,测试县交通运输局,爱山东APP,2026-03-06 08:00,非常不满意,材料要求反复变化,"


def test_reimporting_a_bad_rating_with_its_rectification_updates_it_and_the_public_page(client, keeper, unit, unit2):
    services.import_records(keeper, "2026-03.csv", GOOD.encode())
    page = client.get("/hcp/2026/3/").content.decode()
    assert "整改中" in page
    again = GOOD.replace(BAD_ROW, BAD_ROW + "已公布材料清单，一次告知")
    client.force_login(keeper)
    response = client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("2026-03-b.csv", again.encode())},
                           follow=True)
    assert "补录 1 条差评的整改情况" in response.content.decode()
    assert Evaluation.objects.count() == 6
    evaluation = Evaluation.objects.get(complaint="材料要求反复变化")
    assert evaluation.rectification == "已公布材料清单，一次告知"
    event = AuditEvent.objects.get(action="ratings.rectify")
    assert event.organization == unit2 and "已公布材料清单" in str(event.changes)
    page = client.get("/hcp/2026/3/").content.decode()
    assert "已公布材料清单，一次告知" in page and "整改中" not in page


def test_an_empty_rectification_in_an_older_export_never_clears_one(keeper, unit, unit2):
    filled = GOOD.replace(BAD_ROW, BAD_ROW + "已整改")
    services.import_records(keeper, "a.csv", filled.encode())
    result = services.import_records(keeper, "older.csv", (HEADER + BAD_ROW + "\n" + "新事项,县教体局,短信,2026-03-09 10:00,满意,,\n").encode())
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert Evaluation.objects.get(complaint="材料要求反复变化").rectification == "已整改"


def test_the_column_may_be_called_zhenggai_jieguo(keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    data = "事项,部门,渠道,评价时间,等级,差评内容,整改结果\n" + BAD_ROW + "已整改\n"
    assert services.import_records(keeper, "b.csv", data.encode()).updated == 1


def test_units_see_only_the_batches_with_their_evaluations(client, keeper, unit, unit2, unit_editor, other_editor):
    services.import_records(keeper, "教体局三月.csv", (HEADER + GOOD.splitlines()[1] + "\n").encode())
    services.import_records(keeper, "交通局四月.csv", (HEADER + GOOD.splitlines()[-1] + "\n").encode())
    client.force_login(unit_editor)
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert "教体局三月.csv" in page and "交通局四月.csv" not in page
    client.force_login(other_editor)
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert "交通局四月.csv" in page and "教体局三月.csv" not in page
    client.force_login(keeper)
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert "交通局四月.csv" in page and "教体局三月.csv" in page
    client.force_login(user_with_role(unit, Role.FILING_CENTER))
    assert client.get(reverse("ratings_staff:list")).status_code == 403


def test_a_unit_counts_only_its_own_unrectified_bad_ratings(client, keeper, unit, unit2, unit_editor):
    services.import_records(keeper, "a.csv", GOOD.encode())  # 教体局's 差评 is rectified, 交通局's is not
    client.force_login(unit_editor)
    assert "尚无整改情况" not in client.get(reverse("ratings_staff:list")).content.decode()
    client.force_login(keeper)
    assert "有1条差评尚无整改情况" in client.get(reverse("ratings_staff:list")).content.decode()


def test_a_later_export_with_text_beside_good_ratings_updates_only_the_bad_ones(client, keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    lines = GOOD.splitlines()
    later = "\n".join([lines[0]] + [line + "无需整改" if line.endswith(",,") else line for line in lines[1:]])
    later = later.replace(BAD_ROW, BAD_ROW + "已公布材料清单") + "\n"
    client.force_login(keeper)
    response = client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("b.csv", later.encode())},
                           follow=True)
    assert "补录 1 条差评的整改情况，5 条已导入过且无变化" in response.content.decode()
    assert AuditEvent.objects.filter(action="ratings.rectify").count() == 1
    assert not Evaluation.objects.filter(rectification="无需整改").exists()
