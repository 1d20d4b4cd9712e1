from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.trees import makes_loop


class Section(models.TextChoices):
    """The four statutory parts of the 「政府信息公开」 column (国办公开办函〔2019〕61号)."""

    GUIDE = "guide", _("政府信息公开指南")
    SYSTEM = "system", _("政府信息公开制度")
    STATUTORY = "statutory", _("法定主动公开内容")
    ANNUAL_REPORT = "annual_report", _("政府信息公开工作年度报告")


class PublicationRule(models.TextChoices):
    """条例第二十六条第二句: a law that sets its own publication period for the information of a node.
    The periods, their sources and the day each runs from are gongkai.workdays.statute.PUBLICATION_RULES;
    no rule (blank) is the 条例's own 20 working days from the 形成或者变更之日."""

    BUDGET = "budget_law_14_1", _("预算法第十四条第一款：本级预算、决算批准后20日内")
    DEPARTMENT_BUDGET = "budget_law_14_2", _("预算法第十四条第二款：部门预算、决算批复后20日内")


class CatalogNode(models.Model):
    """A node of one organization's 政府信息公开目录. Items may sit in several nodes."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="catalog_nodes",
        verbose_name=_("机构"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
        verbose_name=_("上级栏目"),
    )
    section = models.CharField(_("所属部分"), max_length=16, choices=Section.choices)
    name = models.CharField(_("栏目名称"), max_length=100)
    # Built-in nodes carry the key of their template entry (e.g. "art20.1"); unit-added nodes have none; nodes
    # an app builds for a unit carry that app's key (catalog.services.ensure_keyed_node, e.g. "std.m.12").
    template_key = models.CharField(_("模板编号"), max_length=32, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    expected_update_days = models.PositiveIntegerField(
        _("应更新周期（天）"), null=True, blank=True,
        help_text=_("超过该天数未更新即为栏目更新不及时；留空表示按需更新。"),
    )
    is_builtin = models.BooleanField(_("内置栏目"), default=False)
    publication_rule = models.CharField(
        _("公开期限"), max_length=24, choices=PublicationRule.choices, blank=True,
        help_text=_("法律、法规对公开期限另有规定的，从其规定（条例第二十六条）。选择预算法的期限后，"
                    "本栏目信息的“形成或变更日期”填预算、决算批准或批复之日。"),
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("目录栏目")
        verbose_name_plural = _("目录栏目")
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name"], name="unique_node_name"),
            models.UniqueConstraint(
                fields=["organization", "template_key"], condition=~models.Q(template_key=""),
                name="unique_node_template_key",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"parent", "parent_id", "organization", "organization_id"} & set(update_fields):
            reason = self.parent_refusal()
            if reason:
                raise ValidationError({"parent": reason}, code="parent")
        super().save(*args, **kwargs)

    def parent_refusal(self) -> str | None:
        """Why this node cannot have its (new) parent, or None: the parent belongs to the same organization
        and is neither the node nor one of its descendants (a loop would make `path` never end; an existing
        loop counts as one). Checked by clean() (the admin form) and by save() (services, commands, the
        shell), so every path refuses it."""
        if self.parent_id is None:
            return None
        parents = dict(CatalogNode.objects.filter(organization_id=self.organization_id)
                       .values_list("id", "parent_id"))
        if self.parent_id not in parents:
            return gettext("上级栏目须是本机构的栏目。")
        if makes_loop(parents, self.pk, self.parent_id):
            return gettext("上级栏目不能是本栏目或其下级栏目。")
        return None

    def clean(self):
        super().clean()
        reason = self.parent_refusal()
        if reason:
            raise ValidationError({"parent": reason}, code="parent")

    @property
    def shown_name(self) -> str:
        """The name shown to readers: a part's root is named by its (translated) part, e.g. on /en/ pages."""
        if self.parent_id is None and self.section in Section.values:
            return str(Section(self.section).label)
        return self.name

    def path_names(self) -> list[str]:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return list(reversed(names))

    @property
    def path(self) -> str:
        """The slash path used by imports, e.g. "法定主动公开内容/规范性文件"."""
        return "/".join(self.path_names())
