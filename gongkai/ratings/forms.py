from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.forms import NoSuffixMixin


class ImportForm(NoSuffixMixin, forms.Form):
    file = forms.FileField(label=_("评价记录（XLSX 或 CSV）"), help_text=_(
        "从政务服务“好差评”系统导出。第一行为表头：事项、部门、渠道、评价时间、等级、差评内容、整改情况。"
        "等级为非常满意、满意、基本满意、不满意、非常不满意之一；部门名称须与平台中的单位全称或简称一致。"
        "任何一行有误则整个文件不导入，并列出错误行。差评内容中的身份证号、手机号导入时即被遮盖。"
        "已导入过的评价再次导入时不会重复；其整改情况（或“整改结果”列）有新内容的，补录到该评价。"
        "已有的整改情况只被更新的版本覆盖：可加“整改时间”列；XLSX 文件的导出时间也用来判断新旧。"))
