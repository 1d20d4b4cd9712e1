"""/api/v1/enterprise-policies: the issue's fields and filters, in the OpenAPI schema, public data only."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.policies.factories import enterprise_policy
from gongkai.policies.models import Category, Delivery
from gongkai.publishing import services as publishing

pytestmark = pytest.mark.django_db
FIELDS = {"conditions", "materials", "procedure", "department", "contact", "starts_on", "ends_on", "industries",
          "sizes", "category", "delivery", "url"}


@pytest.fixture
def policies(org, editor, reviewer):
    today = timezone.localdate()
    return [
        enterprise_policy(org, editor, reviewer, title="技术改造奖补", industries=["C"], sizes=["large"]),
        enterprise_policy(org, editor, reviewer, title="稳岗返还", category=Category.EMPLOYMENT,
                          delivery=Delivery.AUTOMATIC, materials=[]),
        enterprise_policy(org, editor, reviewer, title="已截止的展会补助", industries=["F"], category=Category.MARKET,
                          starts_on=today - dt.timedelta(days=60), ends_on=today - dt.timedelta(days=2)),
    ]


def test_the_list_has_the_structured_fields(client, org, policies):
    data = client.get("/api/v1/enterprise-policies").json()
    assert data["count"] == 3
    first = next(p for p in data["results"] if p["title"] == "技术改造奖补")
    assert FIELDS <= set(first)
    assert first["materials"] == ["申请表", "营业执照复印件"]
    assert first["procedure"] == ["企业在线提交申请", "部门审核", "拨付资金"]
    assert first["department"] == {"id": org.pk, "name": org.name}
    assert first["industries"] == ["C"] and first["sizes"] == ["large"]
    assert first["category"] == "subsidy" and first["delivery"] == "apply"
    assert first["url"] == f"http://testserver/qyzc/{policies[0].pk}/"


def test_the_filters(client, policies):
    def titles(query):
        return {p["title"] for p in client.get(f"/api/v1/enterprise-policies?{query}").json()["results"]}

    assert titles("industry=C") == {"技术改造奖补", "稳岗返还"}
    assert titles("size=small") == {"稳岗返还", "已截止的展会补助"}
    assert titles("category=employment") == {"稳岗返还"}
    today = timezone.localdate()
    assert titles(f"open_on={today.isoformat()}") == {"技术改造奖补", "稳岗返还"}
    assert titles(f"open_on={(today - dt.timedelta(days=30)).isoformat()}") == {"已截止的展会补助"}
    bad = client.get("/api/v1/enterprise-policies?industry=ZZ&open_on=yesterday")
    assert bad.status_code == 400 and set(bad.json()["params"]) == {"industry", "open_on"}


def test_only_public_policies(client, reviewer, policies):
    publishing.withdraw(reviewer, policies[0].item, "政策调整")
    assert {p["title"] for p in client.get("/api/v1/enterprise-policies").json()["results"]} == {
        "稳岗返还", "已截止的展会补助"}


def test_the_endpoint_is_in_the_openapi_schema(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    operation = schema["paths"]["/api/v1/enterprise-policies"]["get"]
    assert {"industry", "size", "category", "open_on"} <= {p["name"] for p in operation["parameters"]}
    assert FIELDS <= set(schema["components"]["schemas"]["EnterprisePolicy"]["properties"])


def test_a_repealed_policy_is_not_open_on_any_day(client, policies):
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk=policies[0].item_id).update(validity="repealed")
    today = timezone.localdate().isoformat()
    found = {p["title"] for p in client.get(f"/api/v1/enterprise-policies?open_on={today}").json()["results"]}
    assert found == {"稳岗返还"}
    everything = {p["title"] for p in client.get("/api/v1/enterprise-policies").json()["results"]}
    assert "技术改造奖补" in everything  # still public, only not open
