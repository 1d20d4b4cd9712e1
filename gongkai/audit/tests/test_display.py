"""The 操作日志's changes as staff read them (audit/display.py): an edit deep inside a long 正文 shows,
a recorded name is not taken for a deleted row's id, choice codes inside a recorded dict and many-to-many
ids read as labels and names, and a text shaped like a date but not one does not break the page."""

import pytest

from gongkai.accounts.factories import UserFactory
from gongkai.audit.display import TEXT_CHARS, readable_changes
from gongkai.audit.services import record
from gongkai.organizations.factories import OrganizationFactory
from gongkai.regulations.models import CleanupCampaign

pytestmark = pytest.mark.django_db


def _changes(object_type, before=None, after=None):
    return readable_changes(record(None, "x", object_type=object_type, object_repr="r", before=before, after=after))


def test_an_edit_deep_inside_a_long_body_shows_around_the_change():
    head = "<p>" + "各科室要认真落实。" * 40 + "</p>"
    [row] = _changes("publishing.informationitem", before={"body": head + "<p>旧的要求</p>"},
                     after={"body": head + "<p>新的要求</p>"})
    assert row["before"] != row["after"]
    assert "旧的要求" in row["before"] and "新的要求" in row["after"]
    assert row["before"].startswith("…") and len(row["before"]) <= TEXT_CHARS + 2
    assert "<p>" not in row["before"]


def test_a_guest_recorded_by_name_is_shown_by_name():
    [row] = _changes("interviews.interview", after={"guest": "县政府办公室副主任 赵某某"})
    assert row["field"] == "嘉宾" and row["after"] == "县政府办公室副主任 赵某某"


def test_cleanup_results_read_as_labels_and_issuers_as_names():
    [results] = _changes("regulations.cleanupcampaign", after={"results": {"5": "continue", "9": "repeal"}})
    assert results["after"] == "继续有效，废止"
    org = OrganizationFactory(name="沂源县司法局")
    [issuers] = _changes("regulations.normativedocument", after={"issuers": [org.pk]})
    assert issuers["after"] == "沂源县司法局"


def test_a_text_shaped_like_a_moment_but_not_one_is_shown_as_written():
    [row] = _changes("publishing.informationitem", after={"state_reason": "2025-02-30T10:00"})
    assert row["after"] == "2025-02-30T10:00"


def test_a_recorded_key_reads_as_the_model_field_it_stands_for():
    """A clean-up recorded on a document names its campaign as CleanupEntry.campaign does (文件清理), not
    with a second wording of its own; the campaign is shown by name."""
    org = OrganizationFactory()
    campaign = CleanupCampaign.objects.create(organization=org, title="2026年规范性文件清理", opened_on="2026-03-01",
                                              opened_by=UserFactory())
    [row] = _changes("regulations.normativedocument", after={"campaign": campaign.pk})
    assert row["field"] == "文件清理" and row["after"] == "2026年规范性文件清理"


def test_markup_typed_into_a_name_is_shown_as_typed_not_stripped():
    [row] = _changes("catalog.catalognode", after={"name": "<script>alert(1)</script>"})
    assert row["after"] == "<script>alert(1)</script>"
