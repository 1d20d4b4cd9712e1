"""Readable Chinese states (no raw codes on any page)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

STATUS_LABELS = {
    "upcoming": gettext_lazy("即将开始"),
    "open": gettext_lazy("征求意见中"),
    "closed": gettext_lazy("已结束"),
    "outcome_published": gettext_lazy("已结束 · 采纳情况已发布"),
}


def status_label(consultation, today=None) -> str:
    if consultation.state != "published":
        return _("未发布")
    return str(STATUS_LABELS[consultation.public_status(today)])


AUDIT_ACTIONS = {
    "participation.create_consultation": pgettext_lazy("audit action", "新建征求意见"),
    "participation.update_consultation": pgettext_lazy("audit action", "修改征求意见"),
    "participation.publish_consultation": pgettext_lazy("audit action", "发布征求意见"),
    "participation.extend": pgettext_lazy("audit action", "延长征求意见期限"),
    "participation.record_comment": pgettext_lazy("audit action", "登记线下意见"),
    "participation.moderate": pgettext_lazy("audit action", "审核意见"),
    "participation.classify": pgettext_lazy("audit action", "填写意见采纳情况"),
    "participation.invite": pgettext_lazy("audit action", "登记邀请的企业或商会"),
    "participation.record_reply": pgettext_lazy("audit action", "登记企业或商会回复"),
    "participation.publish_outcome": pgettext_lazy("audit action", "发布意见收集采纳情况"),
    "participation.link_decision": pgettext_lazy("audit action", "关联决策文件"),
    "participation.create_catalog": pgettext_lazy("audit action", "新建重大行政决策事项目录"),
    "participation.update_standard": pgettext_lazy("audit action", "修改重大行政决策事项标准"),
    "participation.publish_catalog": pgettext_lazy("audit action", "发布重大行政决策事项目录"),
    "participation.save_entry": pgettext_lazy("audit action", "保存重大行政决策事项"),
    "participation.import_catalog": pgettext_lazy("audit action", "导入重大行政决策事项目录"),
    "participation.export_catalog": pgettext_lazy("audit action", "导出重大行政决策事项目录"),
    "participation.add_update": pgettext_lazy("audit action", "报告决策执行情况"),
    "participation.evaluate": pgettext_lazy("audit action", "发布决策后评估"),
    "participation.save_hearing": pgettext_lazy("audit action", "保存听证会"),
    "participation.save_event": pgettext_lazy("audit action", "保存公众参与活动"),
    "participation.save_meeting": pgettext_lazy("audit action", "保存列席会议"),
    "participation.publish": pgettext_lazy("audit action", "发布公众参与信息"),
    "participation.publish_record": pgettext_lazy("audit action", "发布听证笔录或活动办理情况"),
    "participation.add_attendee": pgettext_lazy("audit action", "登记列席人员"),
    "participation.view_personal": pgettext_lazy("audit action", "查看报名或意见人员信息"),
}
