"""Readable Chinese names for the audit log's action codes and object types.

Codes stay stable in the database; apps that add actions may add their labels here. An unknown code
is shown as it is.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "auth.login": _("登录"),
    "auth.logout": _("退出登录"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("账号锁定"),
    "auth.unlock": _("解除登录锁定"),
    "auth.password_change": _("修改密码"),
    "auth.otp_enrol": _("绑定两步验证"),
    "auth.otp_verify": _("通过两步验证"),
    "auth.otp_failed": _("两步验证失败"),
    "auth.otp_recovery_codes": _("重新生成恢复码"),
    "auth.otp_reset": _("重置两步验证"),
    "admin.add": _("后台新增"),
    "admin.change": _("后台修改"),
    "admin.delete": _("后台删除"),
    "catalog.add_node": _("新增目录栏目"),
    "catalog.edit_node": _("修改目录栏目"),
    "catalog.delete_node": _("删除目录栏目"),
    "catalog.ensure": _("生成内置目录"),
    "organization.update_office": _("修改公开工作机构信息"),
    "item.create": _("新建信息"),
    "item.update": _("修改信息"),
    "item.add_attachment": _("上传附件"),
    "item.remove_attachment": _("删除附件"),
    "item.replace_attachment": _("替换附件"),
    "search.synonyms_save": _("保存同义词组"),
    "search.synonyms_delete": _("删除同义词组"),
    "item.submit": _("送审"),
    "item.return": _("退回"),
    "item.approve": _("审核通过"),
    "item.publish": _("发布"),
    "item.withdraw": _("撤回"),
    "item.delete": _("删除信息"),
    "item.migrate": _("导入已发布信息"),
    "report.create": _("建立年报"),
    "report.update_figures": _("修改年报填报数据"),
    "report.update_chapters": _("修改年报正文"),
    "report.regenerate_chapters": _("重新生成年报正文"),
    "report.submit": _("年报送审"),
    "report.return": _("退回年报"),
    "report.publish": _("公布年报"),
    "report.publish_override": _("未通过校验仍公布年报"),
    "report.reopen": _("撤回更正年报"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def object_type_label(code: str) -> str:
    """The model's verbose name for "app_label.model", else the code."""
    try:
        return str(apps.get_model(code)._meta.verbose_name)
    except (LookupError, ValueError):
        return code


def field_label(object_type: str, field: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.get_field(field).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return field
