"""/staff/organizations/<id>/accounts/: a unit's accounts and 「重置密码」 (单位管理员 for their unit,
政务公开办 for the units below them; gongkai.accounts.passwords)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.accounts import lockout, passwords
from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.models import User
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization


@never_cache  # the temporary password is shown once and must not stay in a cache
@staff_required
@require_http_methods(["GET", "POST"])
def unit_accounts(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not passwords.can_reset(request.user, organization):
        return forbidden(request, _("只有本单位管理员或政务公开办可以管理本单位账号的密码。"))
    issued = None
    if request.method == "POST":
        raw = request.POST.get("user", "")
        user = User.objects.filter(pk=raw).first() if raw.isdigit() else None
        if user is None:
            messages.error(request, _("请选择要重置密码的账号。"))
        else:
            try:
                issued = {"user": user,
                          "password": passwords.reset_password(request.user, user, organization, request=request)}
            except ActionRefused as refusal:
                messages.error(request, refusal.reason)
    users = list(lockout.unit_users(organization))
    return render(request, "organizations/accounts.html", {
        "organization": organization, "users": users, "issued": issued,
    })
