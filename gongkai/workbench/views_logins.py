"""/staff/organizations/<id>/logins/: failed logins and lockouts of a unit's accounts, and unlocking them
(单位管理员 for their unit, 政务公开办 for the units below them; gongkai.accounts.lockout)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.accounts import lockout
from gongkai.accounts.access import forbidden, staff_required
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization


class UnlockForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, error_messages={
        "required": gettext_lazy("请选择要解除锁定的账号。"),
        "invalid_choice": gettext_lazy("该账号不属于本单位。"),
    })

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = lockout.unit_users(organization)


@staff_required
@require_http_methods(["GET", "POST"])
def unit_logins(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not lockout.can_unlock(request.user, organization):
        return forbidden(request, _("只有本单位管理员或政务公开办可以查看和解除本单位账号的登录锁定。"))
    form = UnlockForm(request.POST or None, organization=organization)
    if request.method == "POST":
        if form.is_valid():
            user = form.cleaned_data["user"]
            try:
                lockout.unlock(request.user, user, organization, request=request)
            except ActionRefused as refusal:
                messages.error(request, refusal.reason)
            else:
                messages.success(request, _("已解除 %(name)s 的登录锁定。") % {"name": user})
            return redirect("organizations:logins", org_id=organization.id)
        messages.error(request, " ".join(form.errors.get("user", [])))
    users = list(lockout.unit_users(organization))
    failures = lockout.failures_of(users)
    rows = [{"user": user, **failures[user.pk]} for user in users if user.pk in failures]
    return render(request, "organizations/logins.html", {"organization": organization, "rows": rows})
