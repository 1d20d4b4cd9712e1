"""A withdrawn issue gives its 期号 and 总期号 up: the corrected reissue carries them (form, service and the
database's constraints). The folder import reports another office's issue of the same number in words a
clerk can act on, and does not republish a withdrawn issue by running the folder again."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.gazette import services
from gongkai.gazette.models import GazetteIssue
from gongkai.gazette.tests.test_gazette import make_issue_folder, write_index
from gongkai.gazette.tests.test_publication_review import PDF, meta, published
from gongkai.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def withdrawn(editor, reviewer, org):
    return services.withdraw_issue(reviewer, published(editor, reviewer, org), "整期PDF含有个人信息")


def test_a_corrected_reissue_takes_the_withdrawn_issues_numbers(client, org, editor, reviewer):
    old = withdrawn(editor, reviewer, org)
    client.force_login(editor)
    response = client.post(reverse("gazette_staff:create"), {
        "organization": org.pk, "year": 2020, "number": 1, "total_number": 125, "published_on": "2020-01-15",
        "pdf": SimpleUploadedFile("1.pdf", PDF)})
    assert response.status_code == 302
    reissue = GazetteIssue.objects.exclude(pk=old.pk).get()
    assert (reissue.year, reissue.number, reissue.total_number) == (old.year, old.number, old.total_number)
    assert reissue.state == GazetteIssue.State.DRAFT
    # The numbers are taken again by the reissue, whether withdrawn or not: no third one.
    with pytest.raises(ActionRefused, match="2020年第1期政府公报已存在（.*，编辑中）"):
        services.create_issue(editor, org, meta(1, 300), SimpleUploadedFile("1.pdf", PDF))
    with pytest.raises(ActionRefused, match="总第125期政府公报已存在"):
        services.create_issue(editor, org, meta(2, 125), SimpleUploadedFile("1.pdf", PDF))


def test_another_office_of_the_same_gazette_may_reissue_a_withdrawn_number():
    county = OrganizationFactory(kind="government", name="测试县人民政府")
    office = OrganizationFactory(parent=county, name="测试县人民政府办公室")
    office_editor, office_reviewer = user_with_role(office, Role.EDITOR), user_with_role(office, Role.REVIEWER)
    withdrawn(office_editor, office_reviewer, office)
    reissue = services.create_issue(user_with_role(county, Role.EDITOR), county, meta(),
                                    SimpleUploadedFile("1.pdf", PDF))
    assert (reissue.number, reissue.total_number) == (1, 125)


def test_the_database_keeps_the_numbers_unique_among_issues_not_withdrawn(org, editor, reviewer):
    old = withdrawn(editor, reviewer, org)
    fields = {"organization": org, "year": old.year, "published_on": old.published_on, "pdf": "gazette/x.pdf"}
    GazetteIssue.objects.create(number=old.number, total_number=old.total_number, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        GazetteIssue.objects.create(number=old.number, total_number=999, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        GazetteIssue.objects.create(number=99, total_number=old.total_number, **fields)
    GazetteIssue.objects.create(number=old.number, total_number=old.total_number,
                                state=GazetteIssue.State.WITHDRAWN, **fields)  # a second withdrawn one


def test_the_import_says_plainly_that_another_office_already_has_the_issue(tmp_path):
    county = OrganizationFactory(kind="government", name="测试县人民政府")
    office = OrganizationFactory(parent=county, name="测试县人民政府办公室")
    published(user_with_role(office, Role.EDITOR), user_with_role(office, Role.REVIEWER), office)
    make_issue_folder(tmp_path)
    write_index(tmp_path, ["2020-01,2020,1,125,2020-01-15"])
    err = StringIO()
    with pytest.raises(CommandError, match="1 issue"):
        call_command("import_gazette", str(tmp_path), "--organization", county.name, stdout=StringIO(), stderr=err)
    assert ("失败 failed: 2020-01: issues.csv第2行：未导入。测试县人民政府办公室已有2020年第1期（总第125期）政府公报（已发布），"
            "同一政府公报的期号和总期号不能重复。如是同一期，无需再导入；否则请核对该行的年份、期号和总期号。") in err.getvalue()
    assert GazetteIssue.objects.filter(organization=county).count() == 0


def test_running_the_folder_again_does_not_republish_a_withdrawn_issue(tmp_path, org, reviewer):
    make_issue_folder(tmp_path)
    write_index(tmp_path, ["2020-01,2020,1,125,2020-01-15"])
    call_command("import_gazette", str(tmp_path), "--organization", org.name, stdout=StringIO())
    services.withdraw_issue(reviewer, GazetteIssue.objects.get(), "整期PDF含有个人信息")
    out = StringIO()
    call_command("import_gazette", str(tmp_path), "--organization", org.name, stdout=out)
    assert "同期号的一期已撤回，跳过" in out.getvalue() and "imported 0, skipped 1" in out.getvalue()
    assert list(GazetteIssue.objects.values_list("state", flat=True)) == [GazetteIssue.State.WITHDRAWN]


@pytest.mark.parametrize(("rival_numbers", "refusal"), [
    ((1, 300), "2020年第1期政府公报已存在（{org}，编辑中）。政府公报是同一刊物"),
    ((2, 125), "总第125期政府公报已存在（2020年第2期（总第125期），{org}），请核对总期号。")])
def test_the_losing_one_of_two_simultaneous_submissions_gets_the_clear_refusal(client, org, editor, monkeypatch,
                                                                              rival_numbers, refusal):
    """Two clerks submitting the same 期号 (or 总期号) at once: both pass the check, the database's constraint
    refuses the later save. The loser got 「该期公报已存在。」 without saying which issue; it now gets the
    refusal a later sequential submission gets. The rival is saved between the check and the save."""
    store = services._store_pdf

    def rival_saved_meanwhile(issue, uploaded):
        number, total = rival_numbers
        GazetteIssue.objects.create(organization=org, year=2020, number=number, total_number=total,
                                    published_on="2020-01-15", pdf="gazette/rival.pdf")
        store(issue, uploaded)

    monkeypatch.setattr(services, "_store_pdf", rival_saved_meanwhile)
    client.force_login(editor)
    response = client.post(reverse("gazette_staff:create"), {
        "organization": org.pk, "year": 2020, "number": 1, "total_number": 125, "published_on": "2020-01-15",
        "pdf": SimpleUploadedFile("1.pdf", PDF)})
    assert response.status_code == 200
    assert refusal.format(org=org.name) in response.content.decode()
