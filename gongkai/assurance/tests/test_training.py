"""Training sessions: recorded by the 政务公开办 or a unit's administrator, materials, attendance, counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.assurance.models import Attendance, TrainingSession
from gongkai.assurance.services import training
from gongkai.core.services import ActionRefused

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DATA = {"held_on": dt.date(2026, 5, 12), "topic": "新修订条例解读", "level": "county", "trainer": "市政务公开办 张老师"}


def test_the_supervisor_records_a_county_session_with_materials_and_attendance(county, client):
    session = training.save_session(county.supervisor, county.government, DATA)
    training.add_material(county.supervisor, session, SimpleUploadedFile("课件.pdf", PDF))
    added = training.add_attendance(county.supervisor, session, county.department, "张三\n李四\n张三",
                                    users=[county.dept_editor])
    assert added == 3
    training.add_attendance(county.supervisor, session, county.township, "王五")
    counts = {unit.pk: (n, people) for unit, n, people in training.yearly_counts(2026, [county.department.pk,
                                                                                    county.township.pk])}
    assert counts == {county.department.pk: (1, 3), county.township.pk: (1, 1)}
    client.force_login(county.dept_editor)
    page = client.get(reverse("assurance:session", args=[session.pk])).content.decode()
    assert "课件.pdf" in page and "张三" in page and "王五" not in page  # another unit's attendees are not shown
    material = session.materials.get()
    response = client.get(reverse("assurance:material", args=[material.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_a_unit_administrator_records_its_own_sessions_only(county):
    own = training.save_session(county.town_admin, county.township, DATA | {"level": "township"})
    assert own.organization == county.township
    with pytest.raises(ActionRefused):
        training.save_session(county.town_admin, county.department, DATA)
    with pytest.raises(ActionRefused):
        training.save_session(county.town_editor, county.township, DATA)
    with pytest.raises(ActionRefused):
        training.add_attendance(county.town_admin, own, county.department, "张三")
    with pytest.raises(ActionRefused, match="不属于该单位"):
        training.add_attendance(county.town_admin, own, county.township, users=[county.dept_editor])


def test_sessions_of_other_units_are_not_visible(county, client):
    session = training.save_session(county.town_admin, county.township, DATA | {"level": "township"})
    Attendance.objects.create(session=session, organization=county.township, name="王五")
    client.force_login(county.dept_admin)
    assert client.get(reverse("assurance:session", args=[session.pk])).status_code == 404
    client.force_login(county.supervisor)
    assert client.get(reverse("assurance:session", args=[session.pk])).status_code == 200
    assert TrainingSession.objects.count() == 1


@pytest.mark.parametrize(("hours", "refusal"), [
    ("0", "学时不能为0"), ("-99.9", "学时须在0.5至80之间"), ("999", "学时须在0.5至80之间"), ("0.4", "0.5至80")])
def test_hours_out_of_range_are_refused_not_saved(county, hours, refusal):
    with pytest.raises(ActionRefused, match=refusal):
        training.save_session(county.supervisor, county.government, DATA | {"hours": hours})
    assert not TrainingSession.objects.exists()


def test_hours_are_kept_as_given_and_default_only_when_missing(county):
    def saved(data):
        return TrainingSession.objects.get(pk=training.save_session(county.supervisor, county.government, data).pk)

    assert saved(DATA | {"hours": "0.5"}).hours == 0.5 and saved(DATA | {"hours": "24"}).hours == 24
    assert saved(DATA).hours == 2


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_a_training_date_outside_the_shared_range_is_refused(county, client, day):
    with pytest.raises(ActionRefused, match="日期须在2000-01-01至2100-12-31之间"):
        training.save_session(county.supervisor, county.government, DATA | {"held_on": day})
    client.force_login(county.supervisor)
    page = client.post(reverse("assurance:session_create"), {
        "held_on": day.isoformat(), "topic": "条例解读", "level": "county", "trainer": "张老师", "hours": "2"})
    assert "日期须在2000-01-01至2100-12-31之间" in page.content.decode()
    assert not TrainingSession.objects.exists()


def test_hours_out_of_range_are_said_next_to_the_field_and_a_stored_value_survives_an_edit(county, client):
    """A five-day 培训班 of 40 学时 is recorded; 0 学时 is said next to 学时; a record stored before the rule
    with 120 学时 can still have its topic corrected without touching its hours."""
    client.force_login(county.supervisor)
    form = {"held_on": "2026-06-01", "topic": "条例解读", "level": "county", "trainer": "张老师"}
    page = client.post(reverse("assurance:session_create"), form | {"hours": "0"}).content.decode()
    assert 'id="id_hours_error"' in page and "学时不能为0" in page and not TrainingSession.objects.exists()
    assert training.save_session(county.supervisor, county.government, DATA | {"hours": "40"}).hours == 40
    old = TrainingSession.objects.create(organization=county.government, created_by=county.supervisor,
                                         held_on=dt.date(2026, 5, 1), topic="条列解读", level="county",
                                         trainer="张老师", hours=120)
    response = client.post(reverse("assurance:session_edit", args=[old.pk]), form | {"topic": "条例解读", "hours": "120"})
    old.refresh_from_db()
    assert response.status_code == 302 and old.topic == "条例解读" and old.hours == 120
