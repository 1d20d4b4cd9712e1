"""/staff/organizations/<id>/accounts/: a unit's accounts. The 单位管理员 creates, deactivates and reactivates
the unit's accounts (account.manage, gongkai.accounts.staffing); the 单位管理员 and the 政务公开办 (for the
units below them) reset passwords (account.reset_password, gongkai.accounts.passwords; another 单位管理员's
only the 政务公开办 or a system administrator), each with a 绑定码 for an account without an authenticator
(accounts.enrolment), which the same people may also issue on its own (「生成绑定码」), and reset the two-factor
login of an account that lost its phone (「重置两步验证」: a confirmation page, then the new 绑定码 shown once)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.accounts import enrolment, lockout, passwords, staffing, twofactor
from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.models import Role, User
from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.forms import PhoneField, PlainTextMixin
from gongkai.core.masking import mask_phone
from gongkai.core.params import parse_id
from gongkai.core.services import ActionRefused
from gongkai.core.typed import validate_phone
from gongkai.organizations.models import Organization


class CreateAccountForm(PlainTextMixin, forms.Form):
    full_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    username = forms.CharField(label=gettext_lazy("登录用户名"), max_length=150, help_text=gettext_lazy(
        "登录时使用，建议用姓名拼音，如 zhangsan；只能包含字母、数字和 @ . + - _。"),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}))
    phone = PhoneField(label=gettext_lazy("联系电话"), required=False, max_length=30,
                            help_text=User._meta.get_field("phone").help_text,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("岗位"), widget=forms.CheckboxSelectMultiple,
        choices=[(role.value, role.label) for role in staffing.GRANTABLE_ROLES],
        help_text=gettext_lazy("信息员起草和报送信息；审核员审核、发布信息。单位管理员、政务公开办等岗位由系统管理员设置。"),
        error_messages={"required": gettext_lazy("请至少选择一个岗位。"),
                        "invalid_choice": gettext_lazy("单位管理员只能分配信息员、审核员岗位。")})

    def clean_phone(self):
        return validate_phone(self.cleaned_data.get("phone"))


def _refuse(request, organization):
    """Neither 单位管理员 of `organization` nor the 政务公开办 above it: a 403 that says why (None: may enter)."""
    if passwords.can_reset(request.user, organization) or staffing.can_manage(request.user, organization):
        return None
    return forbidden(request, _("只有本单位管理员或政务公开办可以管理本单位的账号。"))


@staff_required
@require_GET
def accounts_index(request):
    """The workbench menu's 「账号管理」: the unit's page, or a choice for one who administers several units."""
    org_ids = organization_ids_with(request.user, "account.manage")
    if not org_ids:
        return forbidden(request, _("只有单位管理员可以管理本单位的账号。"))
    if len(org_ids) == 1:
        return redirect("organizations:accounts", org_id=next(iter(org_ids)))
    return render(request, "organizations/accounts_choose.html", {
        "organizations": Organization.objects.filter(id__in=org_ids)})


def _target(request):
    # core.params.parse_id: "²" passes str.isdigit() and then fails in the query (a 500), as does a 20-digit id.
    user_id = parse_id(request.POST.get("user"))
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None  # the services check the unit
    if user is None:
        messages.error(request, _("请选择要办理的账号。"))
    return user


@never_cache  # the temporary password is shown once and must not stay in a cache
@staff_required
@require_http_methods(["GET", "POST"])
def unit_accounts(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if refused := _refuse(request, organization):
        return refused
    issued = None
    if request.method == "POST":
        action = request.POST.get("action", "reset")
        user = _target(request)
        try:
            if user is None:
                pass
            elif action == "reset":
                password, code = passwords.reset_password(request.user, user, organization, request=request)
                # No new 绑定码 where its owner has a valid one from someone else's two-factor reset: say so.
                issued = {"user": user, "password": password, "code": code,
                          "kept": passwords.code_from_another(request.user, user) if code is None else None}
            elif action == "code":
                issued = {"user": user, "alone": True,
                          "code": passwords.issue_code(request.user, user, organization, request=request)}
            elif action in ("deactivate", "reactivate"):
                staffing.set_active(request.user, user, organization, action == "reactivate", request=request)
                messages.success(request, (_("已启用账号 %(name)s。") if action == "reactivate"
                                           else _("已停用账号 %(name)s，该账号不能再登录。")) % {"name": user})
                return redirect("organizations:accounts", org_id=organization.id)
            else:
                messages.error(request, _("未知的操作。"))
        except ActionRefused as refusal:
            messages.error(request, refusal.reason)
    users = list(lockout.unit_users(organization).prefetch_related("memberships"))
    can_manage = staffing.can_manage(request.user, organization)
    can_reset = passwords.can_reset(request.user, organization)
    enrolled = twofactor.enrolled_ids(users)
    for account in users:
        account.unit_roles = [m.get_role_display() for m in account.memberships.all()
                              if m.organization_id == organization.id]
        account.manageable = can_manage and staffing.refusal(request.user, account, organization) is None
        # The button only where the reset would be done; otherwise why not (another 单位管理员's account …).
        account.reset_refusal = ((passwords.refusal(request.user, account, organization)
                                  or passwords.duties_refusal(request.user, account, "password"))
                                 if can_reset and account.is_active else None)
        account.two_factor_enrolled = account.pk in enrolled
        # Must enrol an authenticator and has none (twofactor.code_needed, with the ids fetched above rather
        # than a query per account): its owner needs a 绑定码 (accounts.enrolment).
        account.awaits_enrolment = (account.is_active and not account.two_factor_enrolled
                                    and twofactor.required_for(account))
        # User.phone is for the unit's own 单位管理员 (its help text); the 政务公开办, who may open this page
        # to reset a password, sees it masked.
        account.phone_display = account.phone if can_manage else mask_phone(account.phone)
    return render(request, "organizations/accounts.html", {
        "organization": organization, "users": users, "issued": issued, "can_manage": can_manage,
        "can_reset": can_reset, "code_days": enrolment.code_days(),
    })


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def account_create(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not staffing.can_manage(request.user, organization):
        return forbidden(request, _("只有本单位管理员可以为本单位新建账号。"))
    form = CreateAccountForm(request.POST or None, initial={"roles": [Role.EDITOR.value]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password, code = staffing.create_account(
                request.user, organization, username=data["username"], full_name=data["full_name"],
                phone=data["phone"], roles=data["roles"], request=request)
        except ActionRefused as refusal:
            form.add_error(None, refusal.reason)
        else:
            return render(request, "organizations/account_created.html", {
                "organization": organization, "account": user, "password": password, "code": code,
                "code_days": enrolment.code_days()})
    return render(request, "organizations/account_form.html", {"organization": organization, "form": form})


@never_cache  # the 绑定码 is shown once and must not stay in a cache
@staff_required
@require_http_methods(["GET", "POST"])
def account_two_factor_reset(request, org_id: int, user_id: int):
    """「重置两步验证」 (a lost phone, no recovery codes): GET asks to confirm and says what happens, POST
    removes the authenticator and recovery codes (passwords.reset_two_factor) and shows the new 绑定码 once."""
    organization = get_object_or_404(Organization, pk=org_id)
    if refused := _refuse(request, organization):
        return refused
    account = get_object_or_404(lockout.unit_users(organization), pk=user_id)  # not of this unit: 404
    context = {"organization": organization, "account": account, "code_days": enrolment.code_days()}
    if request.method == "POST":
        try:
            code = passwords.reset_two_factor(request.user, account, organization, request=request)
        except ActionRefused as refusal:
            return render(request, "organizations/account_two_factor_reset.html",
                          {**context, "refusal": refusal.reason}, status=403)
        return render(request, "organizations/account_two_factor_reset_done.html", {**context, "code": code})
    reason = passwords.two_factor_refusal(request.user, account, organization)
    return render(request, "organizations/account_two_factor_reset.html", {**context, "refusal": reason},
                  status=403 if reason else 200)
