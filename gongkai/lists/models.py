"""清单: list types with typed columns, lists per unit, versions with dates, rows.

A `ListType` (权责清单, 证明事项清单 …) defines its columns (registry.py). A `DisclosureList` is one
unit's list of a type (a county-wide list belongs to the county body that keeps it). A list holds
`Version`s; each version holds `Row`s whose cells are {column key: text}. Versions go through review
(docs/lists.md); a published version applies from its `effective_from` until the day before the next
published version's, which is then stored as its `effective_to`. So "what applied on day D" is the
published version whose interval contains D.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def shown(text: str) -> str:
    """A stored built-in name, heading or choice (Chinese) in the page's language; other text as is."""
    return gettext(text) if text else ""


class ListType(models.Model):
    code = models.SlugField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("清单类型"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    group = models.CharField(_("所属公开事项"), max_length=50, blank=True)
    part = models.CharField(_("公开环节"), max_length=50, blank=True)
    county_wide = models.BooleanField(_("全县统一清单"), default=False)
    basis = models.TextField(_("公开依据"), blank=True)
    columns = models.JSONField(_("列"), default=list)
    position = models.PositiveSmallIntegerField(_("排序"), default=100)
    builtin = models.BooleanField(_("内置"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("清单类型")
        verbose_name_plural = _("清单类型")

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        """The name shown (in the page's language: built-in names are in the catalog, registry.py)."""
        name = shown(self.name)
        return f"{shown(self.group)}·{name}" if self.group else name

    @property
    def shown_part(self) -> str:
        return shown(self.part)

    def column_map(self) -> dict[str, dict]:
        return {column["key"]: column for column in self.columns}

    def filter_columns(self) -> list[dict]:
        return [column for column in self.columns if column.get("filter")]


class ListQuerySet(models.QuerySet):
    def public(self):
        """Lists with at least one published version."""
        return self.filter(versions__state=Version.State.PUBLISHED).distinct()


class DisclosureList(models.Model):
    list_type = models.ForeignKey(ListType, on_delete=models.PROTECT, related_name="lists", verbose_name=_("清单类型"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("公布单位"))
    title = models.CharField(_("清单名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ListQuerySet.as_manager()

    class Meta:
        ordering = ["list_type__position", "organization__sort_order", "organization_id", "id"]
        verbose_name = _("清单")
        verbose_name_plural = _("清单")
        constraints = [models.UniqueConstraint(fields=["organization", "list_type", "title"],
                                               name="unique_list_title_per_unit_and_type")]

    def __str__(self):
        return self.title

    def published_versions(self):
        return self.versions.filter(state=Version.State.PUBLISHED).order_by("-effective_from", "-number")

    def version_on(self, day: dt.date):
        """The published version that applied on `day`, or None."""
        return (self.versions.filter(state=Version.State.PUBLISHED, effective_from__lte=day)
                .filter(models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day))
                .order_by("-effective_from").first())


class Version(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审核")
        RETURNED = "returned", _("已退回")
        PUBLISHED = "published", _("已发布")

    EDITABLE = (State.DRAFT, State.RETURNED)

    disclosure_list = models.ForeignKey(DisclosureList, on_delete=models.CASCADE, related_name="versions",
                                        verbose_name=_("清单"))
    number = models.PositiveIntegerField(_("版本号"))
    label = models.CharField(_("版本名称"), max_length=100, help_text=_("如：2020年版、2020年第二次调整。"))
    effective_from = models.DateField(_("施行日期"), help_text=_("本版本自该日起适用。"))
    effective_to = models.DateField(_("适用至"), null=True, blank=True,
                                    help_text=_("下一版本施行的前一日；发布下一版本时自动填写。"))
    note = models.TextField(_("调整说明"), blank=True, help_text=_("与上一版本相比调整了哪些内容、依据什么文件。"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("送审人"))
    submitted_at = models.DateTimeField(_("送审时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_opinion = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    # Who wrote the rows of this review round (since the version was created or last returned): none of
    # them, nor the one who submitted it, approves it (four eyes, as for information items).
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                     verbose_name=_("本轮修改人"))

    class Meta:
        ordering = ["disclosure_list_id", "-number"]
        verbose_name = _("清单版本")
        verbose_name_plural = _("清单版本")
        constraints = [
            models.UniqueConstraint(fields=["disclosure_list", "number"], name="unique_list_version_number"),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=models.F("effective_from")),
                name="list_version_interval_ordered"),
        ]

    def __str__(self):
        return f"{self.disclosure_list.title}（{self.label}）"

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def applies_on(self, day: dt.date) -> bool:
        return (self.is_published and self.effective_from <= day
                and (self.effective_to is None or self.effective_to >= day))

    def status_on(self, day: dt.date) -> str:
        """现行 / 待施行 / 已失效 for a published version on `day` (the public pages' wording)."""
        if not self.is_published:
            return self.get_state_display()
        if self.effective_from > day:
            return str(_("待施行"))
        if self.effective_to is not None and self.effective_to < day:
            return str(_("已失效"))
        return str(_("现行"))


class Row(models.Model):
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="rows", verbose_name=_("清单版本"),
    )
    position = models.PositiveIntegerField(_("序号"))
    cells = models.JSONField(_("内容"), default=dict)
    text = models.TextField(_("检索文本"), blank=True)  # every cell joined, for search within a list

    class Meta:
        ordering = ["version_id", "position", "id"]
        verbose_name = _("清单条目")
        verbose_name_plural = _("清单条目")

    def __str__(self):
        return f"{self.position}"

    def values(self, columns: list[dict]) -> list[str]:
        return [self.cells.get(column["key"], "") for column in columns]
