"""/staff/organizations/: units for their staff and the 政务公开办 (URL names keep `organizations:`)."""

from django.urls import path

from gongkai.workbench import views_accounts, views_logins
from gongkai.workbench import views_units as views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    # The workbench menu's 「本单位信息」: the same page (unit staff are sent on to their own unit).
    path("", views.organization_list, name="index"),
    path("accounts/", views_accounts.accounts_index, name="accounts_index"),
    path("<int:org_id>/", views.organization_detail, name="detail"),
    path("<int:org_id>/edit/", views.organization_edit, name="edit"),
    path("<int:org_id>/logins/", views_logins.unit_logins, name="logins"),
    path("<int:org_id>/accounts/", views_accounts.unit_accounts, name="accounts"),
    path("<int:org_id>/accounts/new/", views_accounts.account_create, name="account_create"),
    path("<int:org_id>/accounts/<int:user_id>/two-factor-reset/", views_accounts.account_two_factor_reset,
         name="account_two_factor_reset"),
]
