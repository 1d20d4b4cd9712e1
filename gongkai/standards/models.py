from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.i18n import enumeration_comma
from gongkai.standards.choices import Audience, Deadline, Mode


class Domain(models.Model):
    """One of the 26 试点领域 of 国办发〔2017〕42号 and its 国务院部门 标准指引 (data/domains.py)."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("领域名称"), max_length=50, unique=True)
    guide = models.CharField(_("标准指引"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("试点领域")
        verbose_name_plural = _("试点领域")

    def __str__(self):
        return self.name

    @property
    def catalog_name(self) -> str:
        return f"{self.name}领域"


class Matter(models.Model):
    """A 公开事项 (一级事项 / 二级事项) of a domain's standard catalog. `organization` is empty for the
    standard's own 事项 and set for a 事项 a unit added to its own catalog."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="matters", verbose_name=_("领域"))
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("自增单位"),
    )
    level1 = models.CharField(_("一级事项"), max_length=100)
    level2 = models.CharField(_("二级事项"), max_length=100)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    deadline_text = models.CharField(_("公开时限"), max_length=200, blank=True)
    deadline = models.CharField(_("时限类别"), max_length=12, choices=Deadline.choices, default=Deadline.WORKDAYS)
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.CharField(_("公开渠道和载体"), max_length=300, blank=True)
    audience = models.CharField(_("公开对象"), max_length=8, choices=Audience.choices, default=Audience.ALL)
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, default=Mode.PROACTIVE)
    county_level = models.BooleanField(_("县级公开"), default=True)
    township_level = models.BooleanField(_("乡级公开"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["domain__sort_order", "sort_order", "id"]
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        constraints = [
            models.UniqueConstraint(fields=["domain", "level1", "level2"], condition=models.Q(organization=None),
                                    name="unique_standard_matter"),
            models.UniqueConstraint(fields=["domain", "organization", "level1", "level2"],
                                    condition=~models.Q(organization=None), name="unique_unit_matter"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.level1 if self.level1 == self.level2 else f"{self.level1}—{self.level2}"

    @property
    def levels_label(self) -> str:
        return enumeration_comma().join(str(x) for x, on in ((_("县级"), self.county_level), (_("乡级"), self.township_level)) if on)


class Assignment(models.Model):
    """The 政务公开办 gave a domain to a unit: the unit keeps the domain's 事项 in its 政府信息公开目录."""

    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("领域"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="standard_assignments", verbose_name=_("单位"))
    node = models.ForeignKey("catalog.CatalogNode", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("目录栏目"))
    assigned_on = models.DateField(_("分配日期"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("分配人"))

    class Meta:
        ordering = ["domain__sort_order", "organization__sort_order", "id"]
        verbose_name = _("领域分配")
        verbose_name_plural = _("领域分配")
        constraints = [models.UniqueConstraint(fields=["domain", "organization"], name="unique_assignment")]

    def __str__(self):
        return f"{self.organization}：{self.domain}"


class UnitMatter(models.Model):
    """One 事项 in one unit's catalog: the node the assignment made, or the unit's 不适用 with its reason."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="unit_matters", verbose_name=_("领域分配"),
    )
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="unit_matters", verbose_name=_("事项"))
    node = models.ForeignKey("catalog.CatalogNode", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("目录栏目"))
    since = models.DateField(_("纳入目录日期"))
    not_applicable = models.BooleanField(_("不适用"), default=False)
    reason = models.CharField(_("不适用理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["matter__sort_order", "matter_id"]
        verbose_name = _("单位公开事项")
        verbose_name_plural = _("单位公开事项")
        constraints = [models.UniqueConstraint(fields=["assignment", "matter"], name="unique_unit_matter_row")]

    def __str__(self):
        return f"{self.assignment.organization}：{self.matter.label}"
