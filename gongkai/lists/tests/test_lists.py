"""清单: versions and what applied on a date, the review cycle, the public pages, search, unit isolation,
the built-in types and the demo (import, exports and the API: test_import_export.py)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.lists import services, sheet
from gongkai.lists.factories import D, draft_version, list_type, make_list, power_row
from gongkai.lists.models import Row, Version
from gongkai.lists.registry import TYPES
from gongkai.lists.tests.helpers import HEADER, names, two_versions, xlsx

pytestmark = pytest.mark.django_db


# --- versions and dates -------------------------------------------------------------------------------


def test_publishing_a_new_version_keeps_the_old_one_with_its_dates(unit):
    lst, first, second = two_versions(unit)
    assert first.state == second.state == Version.State.PUBLISHED
    assert first.effective_to == D("2020-08-31")  # the day before the new version takes effect
    assert second.effective_to is None
    assert lst.version_on(D("2019-05-31")) is None
    assert lst.version_on(D("2019-06-01")) == first
    assert lst.version_on(D("2020-08-31")) == first
    assert lst.version_on(D("2020-09-01")) == second
    assert lst.version_on(D("2026-01-01")) == second
    assert "企业年报抽查" in names(first) and "企业年报抽查" not in names(second)


def test_a_new_version_cannot_take_effect_before_the_current_one(unit):
    lst, _first, second = two_versions(unit)
    late = draft_version(lst, unit["editor"], "回溯版", "2020-09-01")
    with pytest.raises(ActionRefused, match="施行日期须晚于"):
        services.submit(unit["editor"], late)


def test_the_public_page_answers_what_applied_on_a_date(client, unit):
    lst, first, second = two_versions(unit)
    url = reverse("lists:detail", kwargs={"list_id": lst.pk})
    today = client.get(url).content.decode()
    assert "特种设备监督检查" in today and "企业年报抽查" not in today
    old = client.get(url, {"date": "2020-01-15"}).content.decode()
    assert "企业年报抽查" in old and "特种设备监督检查" not in old
    assert "2020-01-15 适用的是这一版本" in old
    assert "没有适用的版本" in client.get(url, {"date": "2018-01-01"}).content.decode()
    assert client.get(url, {"date": "2020-13-45"}).status_code == 400
    history = client.get(reverse("lists:version", kwargs={"list_id": lst.pk, "version_id": first.pk})).content.decode()
    assert "2019年版" in history and "已失效" in history and "2020-08-31" in history


def test_review_cycle_and_unit_reviewer(unit, other_org):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"])
    with pytest.raises(ActionRefused):
        services.approve(unit["reviewer"], version)  # not submitted yet
    services.submit(unit["editor"], version)
    with pytest.raises(ActionRefused):
        services.approve(unit["editor"], version)  # an editor does not review
    with pytest.raises(ActionRefused):
        services.approve(user_with_role(other_org, Role.REVIEWER), version)  # another unit's reviewer
    with pytest.raises(ActionRefused, match="审核意见"):
        services.return_version(unit["reviewer"], version, "")
    services.return_version(unit["reviewer"], version, "依据条款不全")
    version.refresh_from_db()
    assert version.state == Version.State.RETURNED and version.is_editable
    services.submit(unit["editor"], version)
    services.approve(unit["reviewer"], version, "同意")
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED and version.published_at
    with pytest.raises(ActionRefused):
        services.add_row(unit["editor"], version, power_row("新增", unit["org"].name))  # published: frozen
    actions = set(AuditEvent.objects.filter(organization=unit["org"]).values_list("action", flat=True))
    assert {"lists.create_list", "lists.create_version", "lists.import_rows", "lists.submit", "lists.return",
            "lists.publish"} <= actions


def test_a_reviewer_does_not_approve_a_version_they_submitted_or_wrote_in_this_round(unit):
    """Four eyes, as for information items: a 审核员 who is also allowed to edit cannot publish alone."""
    lst = make_list(unit["org"], unit["reviewer"])
    version = draft_version(lst, unit["reviewer"])
    services.submit(unit["reviewer"], version)
    with pytest.raises(ActionRefused, match="送审人不能审核自己送审的版本"):
        services.approve(unit["reviewer"], version)
    services.return_version(unit["reviewer"], version, "补充依据")
    services.add_row(unit["reviewer"], version, power_row("食品生产许可", unit["org"].name))
    services.submit(unit["editor"], version)
    with pytest.raises(ActionRefused, match="您修改过这次送审版本的条目"):
        services.approve(unit["reviewer"], version)
    second = user_with_role(unit["org"], Role.REVIEWER)
    services.return_version(second, version, "再核对一遍")  # a new round: earlier authors may approve
    services.update_row(unit["editor"], version.rows.first(), power_row("食品经营许可", unit["org"].name))
    services.submit(unit["editor"], version)
    services.approve(unit["reviewer"], version, "同意")
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED and Version.objects.filter(state="submitted").count() == 0


def test_drafts_are_not_public(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    draft = draft_version(lst, unit["editor"], rows=[power_row("未公开职权", unit["org"].name)])
    assert client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).status_code == 404
    assert client.get(reverse("lists:download", kwargs={"list_id": lst.pk, "version_id": draft.pk,
                                                        "fmt": "csv"})).status_code == 404
    assert client.get("/api/v1/lists").json()["count"] == 0
    assert "未公开职权" not in client.get(reverse("lists:index")).content.decode()


# --- public pages, search, unit isolation ----------------------------------------------------------------


def test_public_list_filters_and_search_within(client, unit):
    lst, first, second = two_versions(unit)
    url = reverse("lists:detail", kwargs={"list_id": lst.pk})
    page = client.get(url, {"f_power_type": "行政检查"}).content.decode()
    assert "特种设备监督检查" in page and "食品生产许可</th>" not in page
    page = client.get(url, {"q": "经营"}).content.decode()
    assert "食品经营许可" in page and "特种设备监督检查" not in page
    index = client.get(reverse("lists:index"), {"type": "qzqd"}).content.decode()
    assert lst.title in index and "2020年版" in index


def test_english_pages_name_types_headings_and_choices_in_english(client, unit):
    from django.utils import translation

    lst, first, second = two_versions(unit)
    with translation.override("zh-hans"):
        chinese_url = reverse("lists:detail", kwargs={"list_id": lst.pk})
        url = "/en" + chinese_url
        index = client.get("/en" + reverse("lists:index")).content.decode()
    assert "List of powers and responsibilities" in index and "权责清单</h2>" not in index
    page = client.get(url).content.decode()
    assert "List of powers and responsibilities" in page and "Type of power" in page and "Legal basis" in page
    assert "Administrative inspection" in page and "职权类型" not in page
    assert '<th scope="col">No. / Power</th>' in page  # (not 「No.　Power」 with an ideographic space)
    assert '<option value="行政检查">Administrative inspection</option>' in page  # filters by the stored value
    page = client.get(url, {"f_power_type": "行政检查"}).content.decode()
    assert "特种设备监督检查" in page and "食品生产许可</th>" not in page
    # The Chinese pages are unchanged.
    chinese = client.get(chinese_url).content.decode()
    assert "权责清单" in chinese and "职权类型" in chinese and "行政检查" in chinese
    assert "Type of power" not in chinese
    # The import matches the Chinese headings and choices whatever the language.
    version = draft_version(lst, unit["editor"])
    with translation.override("en"):
        from gongkai.lists.registry import load_types

        assert load_types() == 0  # the types stay stored in Chinese
        rows = sheet.parse(lst.list_type, sheet.read_upload(xlsx([HEADER, [
            1, "行政许可", "食品生产许可", "", "法", unit["org"].name, "", "受理", "追责", ""]])))
        services.replace_rows(unit["editor"], version, rows)
        assert names(version) == ["食品生产许可"] and version.rows.get().cells["power_type"] == "行政许可"
        template = sheet.read_upload(SimpleUploadedFile("t.xlsx", sheet.template_xlsx(lst.list_type)))
        assert template[0][1:] == HEADER[1:]  # the template keeps the Chinese headings the import reads


def test_site_search_finds_rows_of_lists_in_force(client, unit):
    two_versions(unit)
    page = client.get(reverse("search:results"), {"q": "特种设备"}).content.decode()
    assert "清单中的条目" in page and "特种设备监督检查" in page
    # 企业年报抽查 was removed in 2020年版: the old version is no longer in force, so its rows are not listed.
    assert "清单中的条目" not in client.get(reverse("search:results"), {"q": "企业年报抽查"}).content.decode()


def test_staff_of_another_unit_neither_see_nor_change_a_list(client, unit, other_org):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("内部草稿职权", unit["org"].name)])
    row = version.rows.get()
    stranger = user_with_role(other_org, Role.REVIEWER)
    client.force_login(stranger)
    assert client.get(reverse("lists_staff:version", kwargs={"version_id": version.pk})).status_code == 404
    assert client.post(reverse("lists_staff:row_delete", kwargs={"row_id": row.pk})).status_code == 404
    assert client.post(reverse("lists_staff:version_submit", kwargs={"version_id": version.pk})).status_code == 404
    assert "内部草稿职权" not in client.get(reverse("lists_staff:index")).content.decode()
    with pytest.raises(ActionRefused):
        services.add_row(stranger, version, power_row("越权", unit["org"].name))
    assert Row.objects.filter(version=version).count() == 1


def test_todo_shows_versions_waiting_for_the_units_reviewer(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"])
    services.submit(unit["editor"], version)
    client.force_login(unit["reviewer"])
    page = client.get(reverse("workbench:home")).content.decode()
    assert "待审核的清单版本" in page and str(version) in page
    response = client.post(reverse("lists_staff:version_review", kwargs={"version_id": version.pk}),
                           {"decision": "approve", "opinion": "同意"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED


def test_staff_row_form_validates_by_column(client, unit):
    lst = make_list(unit["org"], unit["editor"], code="zmsx")
    version = services.create_version(unit["editor"], lst, "2020年版", D("2020-07-31"))
    client.force_login(unit["editor"])
    url = reverse("lists_staff:row_add", kwargs={"version_id": version.pk})
    page = client.post(url, {"name": "收入证明", "matter": "低保审批", "basis": "《社会救助暂行办法》",
                             "requester": unit["org"].name, "issuer": "村委会", "pledge": "是",
                             "guide": "javascript:alert(1)"}).content.decode()
    assert "http://" in page and not version.rows.exists()
    response = client.post(url, {"name": "收入证明", "matter": "低保审批", "basis": "《社会救助暂行办法》",
                                 "requester": unit["org"].name, "issuer": "村委会", "pledge": "是",
                                 "guide": "https://zwfw.example.cn/guide/1"})
    assert response.status_code == 302
    assert version.rows.get().cells["pledge"] == "是"


def test_every_builtin_type_is_loaded_with_typed_columns():
    list_type("qzqd")
    from gongkai.lists.models import ListType

    assert ListType.objects.filter(builtin=True).count() == len(TYPES)
    power = ListType.objects.get(code="qzqd").column_map()["power_type"]
    assert power["choices"] == ["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
                                "行政裁决", "其他"]
    assert ListType.objects.get(code="zmsx").column_map()["pledge"]["choices"] == ["是", "否"]
    assert dt.date  # noqa: B018


def test_demo_loads_the_county_lists_once(db):
    from gongkai.accounts.models import User
    from gongkai.lists import demo
    from gongkai.lists.models import DisclosureList
    from gongkai.organizations.factories import OrganizationFactory

    demo.load()  # without 沂源县's units and an administrator: nothing, no error
    assert DisclosureList.objects.count() == 0
    for name in (demo.SCJG, demo.WLJ, demo.MZJ, demo.SPJ, demo.ZHZF):
        OrganizationFactory(name=name)
    User.objects.create_superuser("admin", password="x")
    demo.load()
    demo.load()  # idempotent
    assert DisclosureList.objects.count() == 7
    powers = DisclosureList.objects.get(title="沂源县市场监督管理局权责清单")
    assert [v.label for v in powers.published_versions()] == ["2020年版", "2019年版"]
    assert powers.version_on(D("2020-08-31")).label == "2019年版"
    proofs = DisclosureList.objects.get(list_type__code="zmsx").published_versions().get()
    assert {row.cells["pledge"] for row in proofs.rows.all()} == {"是", "否"}
    assert Version.objects.filter(state=Version.State.SUBMITTED).count() == 1


def test_publishing_purges_the_stored_public_pages(client, unit, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    lst, _first, _second = two_versions(unit)
    client.get(reverse("lists:detail", kwargs={"list_id": lst.pk}))  # stored as a file for the next visitors
    stored = list((tmp_path / "pages").rglob("index.html"))
    assert any("qd" in str(path) for path in stored)
    version = draft_version(lst, unit["editor"], "2021年版", "2021-01-01", [power_row("新职权", unit["org"].name)])
    services.submit(unit["editor"], version)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(unit["reviewer"], version)
    assert not [path for path in (tmp_path / "pages").rglob("index.html") if "qd" in str(path)]
    assert "新职权" in client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).content.decode()


def test_home_panel_shows_each_list_once_in_its_current_version(client, unit):
    lst, _first, _second = two_versions(unit)
    page = client.get(reverse("portal:home")).content.decode()
    assert "政务公开清单" in page and page.count(lst.title) == 1 and "2020年版" in page


def test_english_staff_pages_name_headings_and_choices_in_english(client, unit):
    """The staff version page and the row form showed the stored Chinese headings (职权类型, 依据 …) in English."""
    from django.utils import translation

    lst, _first, second = two_versions(unit)
    draft = draft_version(lst, unit["editor"], "2021年版", "2021-01-01")
    client.force_login(unit["editor"])
    with translation.override("en"):
        page = client.get(reverse("lists_staff:version", kwargs={"version_id": second.pk})).content.decode()
        form = client.get(reverse("lists_staff:row_add", kwargs={"version_id": draft.pk})).content.decode()
    assert "Type of power" in page and "Legal basis" in page and "职权类型" not in page
    assert '<th scope="col">No. / Power</th>' in page
    assert "Type of power" in form and "职权类型" not in form
    assert '<option value="行政检查">Administrative inspection</option>' in form


def test_a_keyword_pasted_with_bidi_controls_still_finds_the_entries(client, unit):
    lst, _first, _second = two_versions(unit)
    page = client.get(reverse("lists:detail", kwargs={"list_id": lst.pk}), {"q": "\u202a经营\u202c"}).content.decode()
    assert "食品经营许可" in page and "食品生产许可</th>" not in page
