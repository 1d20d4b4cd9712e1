"""A multiple choice posted with an id beyond any database's range is a form error, not a 500 (SQLite's
OverflowError, PostgreSQL's out-of-range error), for every multiple choice of rows (review)."""

import pytest
from django import forms
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.forms import ModelMultipleChoiceField
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

HUGE = "99999999999999999999"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "-1", "0"])
def test_an_id_out_of_range_is_an_invalid_choice(value):
    org = OrganizationFactory()
    field = ModelMultipleChoiceField(queryset=Organization.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(org.pk), value])
    assert refused.value.code == "invalid_choice"
    assert list(field.clean([str(org.pk)])) == [org]


@pytest.mark.django_db
def test_the_interpretation_form_answers_a_huge_policy_id_with_a_form_error(client):
    org = OrganizationFactory()
    client.force_login(user_with_role(org, Role.EDITOR))
    response = client.post(reverse("interpretations_staff:create"), {"policies": HUGE, "title": "解读"})
    assert response.status_code in (200, 400)
    assert "policies" in response.context["form"].errors
