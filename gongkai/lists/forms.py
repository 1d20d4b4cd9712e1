"""Forms of the staff pages. They validate the input's shape; the services (and cells.py) decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin, plain_text
from gongkai.core.widgets import DateInput
from gongkai.lists.models import shown
from gongkai.lists.registry import CHOICE, DATE, ORGANIZATION

DATE_WIDGET = DateInput()


class ListForm(PlainTextMixin, forms.Form):
    list_type = forms.ChoiceField(label=_("清单类型"))
    organization = forms.ChoiceField(label=_("公布单位"))
    title = forms.CharField(label=_("清单名称"), max_length=200, required=False,
                            help_text=_("不填则为“单位名称 + 清单类型”，如：沂源县市场监督管理局权责清单。"))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, types=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["list_type"].choices = [(t.pk, t.full_name) for t in types]
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]


class ListEditForm(PlainTextMixin, forms.Form):
    title = forms.CharField(label=_("清单名称"), max_length=200)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VersionForm(PlainTextMixin, forms.Form):
    label = forms.CharField(label=_("版本名称"), max_length=100, help_text=_("如：2020年版、2020年第二次调整。"))
    effective_from = forms.DateField(label=_("施行日期"), widget=DATE_WIDGET,
                                     help_text=_("本版本自该日起适用；上一版本适用到前一日。"))
    note = forms.CharField(label=_("调整说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("与上一版本相比调整了哪些内容、依据什么文件。"))


class NewVersionForm(VersionForm):
    copy_current = forms.BooleanField(label=_("复制现行版本的全部条目，在其基础上修改"), required=False, initial=True)


class ImportForm(forms.Form):
    table = forms.FileField(label=_("清单表格（.xlsx 或 .csv）"),
                            help_text=_("使用本类清单的模板填写。导入会替换本版本现有的全部条目；任何一格有误则整表不导入。"))


class ReviewForm(PlainTextMixin, forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), widget=forms.RadioSelect,
                                 choices=[("approve", _("审核通过并发布")), ("return", _("退回修改"))])
    opinion = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("退回时必须填写。"))


class RowForm(PlainTextMixin, forms.Form):
    """One field per column of the list's type."""

    def __init__(self, *args, columns=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = list(columns)
        for column in self.columns:
            self.fields[column["key"]] = self._field(column, organizations)
            plain_text(self.fields[column["key"]])  # added after PlainTextMixin looked at the fields

    @staticmethod
    def _field(column: dict, organizations) -> forms.Field:
        # Headings, help and choices in the page's language; the stored (Chinese) choice is the value.
        common = {"label": shown(column["label"]), "required": column.get("required", False),
                  "help_text": shown(column.get("help", ""))}
        kind = column.get("kind")
        if kind == CHOICE:
            return forms.ChoiceField(choices=[("", "——"), *((c, shown(c)) for c in column.get("choices", []))],
                                     **common)
        if kind == ORGANIZATION:
            return forms.ChoiceField(choices=[("", "——"), *((name, name) for name in organizations)], **common)
        if kind == DATE:
            return forms.DateField(widget=DATE_WIDGET, **common)
        widget = forms.Textarea(attrs={"rows": 4}) if column.get("long") else forms.TextInput
        return forms.CharField(widget=widget, max_length=4000, **common)

    def initial_from(self, cells: dict) -> None:
        for column in self.columns:
            self.initial[column["key"]] = cells.get(column["key"], "")
