from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField


class User(AbstractUser):
    """A staff user. Citizens do not need accounts (requests are tracked by number and query code)."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    # Set when a 单位管理员 gives the account a temporary password (accounts.passwords); until the user
    # chooses their own, every page leads to the password change (accounts.middleware).
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)
    # Personal data: encrypted at rest (core.crypto), never written to the audit log (audit.SENSITIVE_FIELDS).
    phone = EncryptedTextField(_("联系电话"), blank=True, help_text=_("选填，便于本单位管理员联系本人。"))

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username


class Role(models.TextChoices):
    # Per-organization roles.
    EDITOR = "editor", _("信息员")
    REVIEWER = "reviewer", _("审核员")
    ORG_ADMIN = "org_admin", _("单位管理员")
    # County roles, held on the county government's organization and reaching every unit below it.
    SUPERVISOR = "supervisor", _("政务公开办")
    FILING_CENTER = "filing_center", _("大数据中心")


UNIT_ROLES = {Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}
COUNTY_ROLES = {Role.SUPERVISOR, Role.FILING_CENTER}


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("用户"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("机构"),
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


class EnrolmentCode(models.Model):
    """A 绑定码: issued with a temporary password or a two-factor reset (accounts.enrolment), shown once to the
    administrator, and needed with the first authenticator code to enrol. Only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name=_("用户"))
    code_hash = models.CharField(_("绑定码（散列）"), max_length=128)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("生成人"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("输错次数"), default=0)
    last_failure_at = models.DateTimeField(_("最近输错时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("两步验证绑定码")
        verbose_name_plural = _("两步验证绑定码")
        ordering = ["-created_at"]

    def __str__(self):
        return str(_("%(user)s 的绑定码") % {"user": self.user})
