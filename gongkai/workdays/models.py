from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayOverride(models.Model):
    """An administrator's correction of one day's type, above what chinesecalendar says.

    Used to enter a new year's 放假/调休 days as soon as 国务院办公厅 publishes them, or to correct a
    changed notice, without a code release.
    """

    class Kind(models.TextChoices):
        WORKDAY = "workday", _("工作日（含调休上班）")
        HOLIDAY = "holiday", _("休息日（法定节假日或放假）")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("依据或说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("录入人"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("工作日调整")
        verbose_name_plural = _("工作日调整")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class CalendarYear(models.Model):
    """A year whose holidays an administrator has entered completely (beyond chinesecalendar)."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("依据（国务院办公厅通知文号）"), max_length=200)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("确认人"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已录入的年度日历")
        verbose_name_plural = _("已录入的年度日历")

    def __str__(self):
        return str(self.year)
