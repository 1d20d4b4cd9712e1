"""Who may do what on the 依申请公开 staff URLs: the handling unit's roles, the county's 政务公开办 (reads
everything, hands cases on, never handles them) and 大数据中心 (sees filings only), another unit, a user
without any post, and anonymous visitors. Cross-unit isolation of every staff URL is also covered by
gongkai/workbench/tests/test_permission_matrix.py through tests/matrix.py."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory, user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import RequestCase
from gongkai.requests.services import filing, replies

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.fixture
def world(county, supervisor, filing_center):
    unit = OrganizationFactory(parent=county, name="县文旅局（测试）")
    other = OrganizationFactory(parent=county, name="县财政局（测试）")
    people = {
        "editor": user_with_role(unit, Role.EDITOR), "reviewer": user_with_role(unit, Role.REVIEWER),
        "org_admin": user_with_role(unit, Role.ORG_ADMIN), "supervisor": supervisor,
        "filing_center": filing_center, "other_unit": user_with_role(other, Role.EDITOR),
        "no_post": UserFactory(),
    }
    open_case = received_case(unit, D("2020-03-02"), state=State.PROCESSING)
    answered = received_case(unit, D("2020-03-02"), state=State.PROCESSING)
    replies.draft_reply(people["editor"], answered, {"outcome": "予以公开", "reply_content": "见附件"})
    replies.approve_reply(people["reviewer"], answered, D("2020-03-10"))
    replies.deliver(people["editor"], answered, "in_person", D("2020-03-11"))
    filing.file_case(people["editor"], RequestCase.objects.get(pk=answered.pk))
    return unit, people, open_case, RequestCase.objects.get(pk=answered.pk)


# (url name, kwargs from the world, {role: expected status}); "login" = redirect to the login page.
GET_MATRIX = [
    ("list", None, {"editor": 200, "supervisor": 200, "filing_center": 200, "no_post": 403, "anonymous": "login"}),
    ("detail", "open", {"editor": 200, "reviewer": 200, "org_admin": 200, "supervisor": 200, "filing_center": 404,
                        "other_unit": 404, "no_post": 403, "anonymous": "login"}),
    ("due", None, {"editor": 200, "supervisor": 200, "no_post": 403}),
    ("register", None, {"editor": 200, "supervisor": 403, "filing_center": 403, "no_post": 403}),
    ("filings", None, {"filing_center": 200, "supervisor": 200, "editor": 403, "other_unit": 403}),
    ("filing_bundle", "answered", {"filing_center": 200, "supervisor": 200, "editor": 200, "other_unit": 404}),
    ("ledger", None, {"editor": 200, "supervisor": 200}),
    ("templates", None, {"org_admin": 200, "editor": 403, "reviewer": 403, "supervisor": 403}),
    ("reminders", None, {"editor": 200, "filing_center": 200, "anonymous": "login"}),
]


def _url(name, which, world):
    _unit, _people, open_case, answered = world
    if which is None:
        return reverse(f"requests:{name}")
    case = open_case if which == "open" else answered
    return reverse(f"requests:{name}", kwargs={"case_id": case.pk})


@pytest.mark.parametrize("name, which, expected", GET_MATRIX, ids=[row[0] for row in GET_MATRIX])
def test_get_matrix(client, world, name, which, expected):
    _unit, people, _open, _answered = world
    url = _url(name, which, world)
    for role, status in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        response = client.get(url)
        if status == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (role, url)
        else:
            assert response.status_code == status, (role, url, response.status_code)


def test_only_the_handling_unit_acts_and_only_reviewers_review(client, world):
    _unit, people, case, _answered = world
    data = {"kind": "third_party", "party_name": "某公司", "matters": "报价", "on": "2020-03-03"}
    for role in ("supervisor", "filing_center", "other_unit"):
        client.force_login(people[role])
        client.post(reverse("requests:consult", kwargs={"case_id": case.pk}), data)
        assert not RequestCase.objects.get(pk=case.pk).consultations.exists(), role
    client.force_login(people["editor"])
    client.post(reverse("requests:draft", kwargs={"case_id": case.pk}), {
        "outcome": "予以公开", "reply_content": "见附件", "parts-TOTAL_FORMS": 0, "parts-INITIAL_FORMS": 0})
    assert RequestCase.objects.get(pk=case.pk).state == State.REVIEW
    review = {"decision": "approve", "on": "2020-03-12"}
    for role in ("editor", "org_admin", "supervisor"):
        client.force_login(people[role])
        response = client.post(reverse("requests:review", kwargs={"case_id": case.pk}), review, follow=True)
        assert RequestCase.objects.get(pk=case.pk).state == State.REVIEW, role
        assert "只有本单位审核员可以审核答复" in response.content.decode(), role
    client.force_login(people["reviewer"])
    client.post(reverse("requests:review", kwargs={"case_id": case.pk}), review)
    assert RequestCase.objects.get(pk=case.pk).state == State.REPLIED


def test_the_county_office_hands_on_but_the_filing_center_only_receives(client, world, county):
    unit, people, case, answered = world
    target = OrganizationFactory(parent=county)
    client.force_login(people["filing_center"])
    client.post(reverse("requests:assign", kwargs={"case_id": case.pk}),
                {"organization": target.pk, "instructions": "请办理"})
    assert RequestCase.objects.get(pk=case.pk).organization == unit
    client.post(reverse("requests:filing_receive", kwargs={"case_id": answered.pk}))
    assert RequestCase.objects.get(pk=answered.pk).filing.received_by == people["filing_center"]
    client.force_login(people["supervisor"])
    client.post(reverse("requests:assign", kwargs={"case_id": case.pk}),
                {"organization": target.pk, "instructions": "请办理"})
    assert RequestCase.objects.get(pk=case.pk).organization == target


def test_the_ledger_import_is_for_the_units_own_staff(client, world):
    _unit, people, _case, _answered = world
    client.force_login(people["supervisor"])
    assert client.post(reverse("requests:ledger_import")).status_code == 403
