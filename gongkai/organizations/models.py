from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.trees import makes_loop
from gongkai.organizations.events import announce_kind_change
from gongkai.organizations.validators import validate_credit_code, validate_postcode


class Organization(models.Model):
    """A government body or public institution. Organizations form a tree (county → units)."""

    class Kind(models.TextChoices):
        PEOPLE_GOVERNMENT = "government", _("人民政府")
        DEPARTMENT = "department", _("政府部门")
        TOWNSHIP = "township", _("乡镇/街道")
        DEVELOPMENT_ZONE = "zone", _("开发区管委会")
        PUBLIC_INSTITUTION = "institution", _("公共企事业单位")
        # 县委的工作机关 and the 纪委监委机关 a county portal lists: not 行政机关 (see ADMINISTRATIVE_KINDS).
        PARTY = "party", _("党委工作机关")

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级机构"),
    )
    kind = models.CharField(_("机构类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    # Functions, structure and leadership (条例第二十条第（二）项) are published as catalog items;
    # the fields below are the 政府信息公开工作机构 that 条例第十二条 requires in the 指南.
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    office_web = models.URLField(_("互联网联系方式"), blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True, validators=[validate_postcode])
    guide_text = models.TextField(
        _("指南补充说明"), blank=True,
        help_text=_("显示在自动生成的政府信息公开指南之后，可写明依申请公开的具体办理说明等（已净化的 HTML）。"),
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "parent" in update_fields or "parent_id" in update_fields:
            reason = self.parent_refusal()
            if reason:
                raise ValidationError({"parent": reason}, code="parent_cycle")
        previous_kind = self._stored_kind(update_fields)
        if previous_kind is None or previous_kind == self.kind:
            super().save(*args, **kwargs)
            return
        # The other apps follow the new kind in the same transaction (events.kind_changed: the catalog).
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            announce_kind_change(self, previous_kind)

    def _stored_kind(self, update_fields) -> str | None:
        """The kind this organization has in the database before a save that may change it (None: new, or the
        save leaves the kind alone)."""
        if self.pk is None or (update_fields is not None and "kind" not in update_fields):
            return None
        return Organization.objects.filter(pk=self.pk).values_list("kind", flat=True).first()

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def parent_refusal(self) -> str | None:
        """Why this organization cannot have its (new) parent, or None: it would be its own ancestor
        (ancestors() and the permission subtrees would never end). An existing loop counts as one.
        Checked by clean() (admin forms) and by save() (services, commands, the shell): every path."""
        if self.pk is None or self.parent_id is None:
            return None
        parents = dict(Organization.objects.values_list("id", "parent_id"))
        if makes_loop(parents, self.pk, self.parent_id):
            return gettext("上级机构不能是本机构或其下级机构。")
        return None

    def clean(self):
        super().clean()
        reason = self.parent_refusal()
        if reason:
            raise ValidationError({"parent": reason}, code="parent_cycle")

    def ancestors(self) -> list["Organization"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    # Fields of 条例第十二条 the 指南 must show; used by the guide and by inspection rules.
    GUIDE_CONTACT_FIELDS = ("office_name", "office_address", "office_hours", "office_phone", "office_fax",
                            "office_web")

    def missing_guide_fields(self) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in self.GUIDE_CONTACT_FIELDS if not getattr(self, f)]


# The 行政机关 the 条例 binds (条例第二条、第十条): governments, their departments, 乡镇/街道 and 开发区管委会
# (a body with 管理公共事务职能 authorized by law, 第五十四条). They keep a full 政府信息公开 column (第十二条、第二十条、
# 第二十一条), take 依申请公开 applications and publish an annual report (第四十九条). 公共企事业单位 disclose under
# 第五十五条 and their sectors' rules. 党委工作机关 (Kind.PARTY) are outside the 条例: their openness follows the
# 中国共产党党务公开条例（试行）, so a county portal lists only their 机构职能 and their own notices and news.
ADMINISTRATIVE_KINDS = (Organization.Kind.PEOPLE_GOVERNMENT, Organization.Kind.DEPARTMENT,
                        Organization.Kind.TOWNSHIP, Organization.Kind.DEVELOPMENT_ZONE)


def is_administrative_organ(kind: str) -> bool:
    """Whether an organization of `kind` is a 行政机关 under the 条例 (ADMINISTRATIVE_KINDS)."""
    return kind in ADMINISTRATIVE_KINDS


# Bodies the 条例 does not reach at all: no 依申请公开 intake (条例第二十七条 addresses 行政机关; 公共企事业单位
# keep the intake they had) and no 指南 (第十二条).
OUTSIDE_REGULATION_KINDS = (Organization.Kind.PARTY,)


def is_under_regulation(kind: str) -> bool:
    """Whether the 条例 reaches a body of `kind` at all (not OUTSIDE_REGULATION_KINDS): it takes 依申请公开
    applications, keeps a 指南 and is assessed in the county's 政务公开 work."""
    return kind not in OUTSIDE_REGULATION_KINDS


def under_regulation(organizations):
    """An Organization queryset without the bodies the 条例 does not reach (is_under_regulation)."""
    return organizations.exclude(kind__in=OUTSIDE_REGULATION_KINDS)
