from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.workdays import calendar as workday_calendar
from gongkai.workdays.models import CalendarYear, DayOverride
from gongkai.workdays.notice import parse_notice
from gongkai.workdays.services import enter_year


@admin.register(DayOverride)
class DayOverrideAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "note", "created_by", "created_at"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class CalendarYearForm(forms.ModelForm):
    """The plain form may mark a year only once its 放假 days are in: a mark alone would make 元旦 and 春节
    working days (the from-notice page enters the days and the mark in one transaction)."""

    class Meta:
        model = CalendarYear
        fields = ["year", "source"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year and not workday_calendar._library_knows(year) and not DayOverride.objects.filter(
                date__year=year, kind=DayOverride.Kind.HOLIDAY).exists():
            raise ValidationError(
                _("尚未录入 %(year)s 年的放假日期，不能将该年标记为已录入，否则元旦、春节等假日会被当作工作日。"
                  "请使用“从国务院办公厅通知录入”（/admin/workdays/calendaryear/from-notice/?year=%(year)s）"
                  "粘贴国务院办公厅的放假安排通知，放假和调休日期与年度标记将一并录入。") % {"year": year})
        return year


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CalendarYearForm
    list_display = ["year", "source", "confirmed_by", "confirmed_at"]
    readonly_fields = ["confirmed_by", "confirmed_at"]

    def save_model(self, request, obj, form, change):
        if not obj.confirmed_by_id:
            obj.confirmed_by = request.user
        super().save_model(request, obj, form, change)

    change_list_template = "admin/workdays/calendaryear/change_list.html"

    def get_urls(self):
        extra = [path("from-notice/", self.admin_site.admin_view(self.from_notice_view), name="workdays_from_notice")]
        return extra + super().get_urls()

    def from_notice_view(self, request):
        """Paste the State Council notice; see the days it gives; save them (issue #18, item 12)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NoticeForm(request.POST or None, initial={"year": request.GET.get("year")})
        parsed = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            parsed = parse_notice(data["text"], data["year"])
            source = data["source"] or parsed.number or _("国务院办公厅关于%(year)s年部分节假日安排的通知") % {
                "year": parsed.year}
            if "save" in request.POST and parsed.ok:
                enter_year(request.user, parsed, source, request=request)
                self.message_user(request, _("已录入 %(year)s 年的放假和调休安排：放假 %(h)s 天，调休上班 %(w)s 天。")
                                  % {"year": parsed.year, "h": len(parsed.holidays), "w": len(parsed.workdays)})
                return redirect("admin:workdays_calendaryear_changelist")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "parsed": parsed, "title": _("从国务院办公厅通知录入年度放假安排"),
                   "rows": _preview_rows(parsed) if parsed else []}
        return TemplateResponse(request, "admin/workdays/calendaryear/from_notice.html", context)


class NoticeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100, required=False,
                              help_text=gettext_lazy("留空时从通知标题读取。"))
    source = forms.CharField(label=gettext_lazy("依据（通知文号）"), max_length=200, required=False,
                             help_text=gettext_lazy("留空时从通知正文读取，如“国办发明电〔2019〕16号”。"))
    text = forms.CharField(label=gettext_lazy("通知全文"), widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
                           max_length=20000)


WEEKDAYS = "一二三四五六日"


def _preview_rows(parsed):
    rows = []
    for kind, days in ((_("放假"), parsed.holidays), (_("调休上班"), parsed.workdays)):
        for day in days:
            unusual = kind == _("调休上班") and day.weekday() < 5
            rows.append({"day": day, "weekday": WEEKDAYS[day.weekday()], "kind": kind, "unusual": unusual})
    return sorted(rows, key=lambda row: row["day"])
