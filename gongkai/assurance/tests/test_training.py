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


def test_a_unit_administrator_cannot_record_a_county_level_session(county, client):
    """Audit H1: 县级 sessions are the 政务公开办's; a unit's administrator is not offered 县级 and a forged
    post is refused, nothing saved."""
    client.force_login(county.dept_admin)
    page = client.get(reverse("assurance:session_create")).content.decode()
    assert 'value="department"' in page and 'value="county"' not in page
    response = client.post(reverse("assurance:session_create"), {
        "held_on": "2026-05-12", "topic": "条例解读", "level": "county", "trainer": "本局", "hours": "2"})
    assert response.status_code == 200 and not TrainingSession.objects.exists()
    with pytest.raises(ActionRefused, match="县级培训由政务公开办组织"):
        training.save_session(county.dept_admin, county.department, DATA)
    assert training.save_session(county.supervisor, county.government, DATA).level == "county"


def test_a_session_cannot_be_moved_into_or_out_of_a_published_year(county):
    """Audit H1: a session back-dated into a year whose 绩效考核 is published is refused, as is a change of
    one already in that year (and of its attendance)."""
    from gongkai.assurance.models import Assessment
    from gongkai.assurance.services import assessment

    kept = training.save_session(county.dept_admin, county.department, DATA | {"level": "department"})
    later = training.save_session(county.dept_admin, county.department,
                                  DATA | {"level": "department", "held_on": dt.date(2027, 2, 1)})
    published = assessment.create_assessment(county.supervisor, 2026)
    assessment.publish(county.supervisor, published)
    assert Assessment.objects.get().state == Assessment.State.PUBLISHED
    with pytest.raises(ActionRefused, match="2026年度的绩效考核已公布"):
        training.save_session(county.dept_admin, county.department,
                              DATA | {"level": "department", "held_on": dt.date(2026, 12, 30)}, later)
    with pytest.raises(ActionRefused, match="2026年度的绩效考核已公布"):
        training.save_session(county.dept_admin, county.department, DATA | {"level": "department"})
    with pytest.raises(ActionRefused, match="2026年度的绩效考核已公布"):
        training.add_attendance(county.dept_admin, kept, county.department, "张三")
    assert TrainingSession.objects.get(pk=later.pk).held_on == dt.date(2027, 2, 1)
    assert TrainingSession.objects.count() == 2 and not Attendance.objects.exists()


@pytest.mark.parametrize("name", ["张\x00三", "张\x1b[31m三", "\u202e三张", "李\u2066四"])
def test_attendance_names_with_control_or_bidi_characters_are_refused(county, name):
    """Audit L1: names are checked like every other text (refuse_control_characters)."""
    session = training.save_session(county.supervisor, county.government, DATA)
    with pytest.raises(ActionRefused, match="控制字符"):
        training.add_attendance(county.supervisor, session, county.department, f"王五\n{name}")
    assert not Attendance.objects.exists()
