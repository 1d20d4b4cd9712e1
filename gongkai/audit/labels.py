"""Readable Chinese names for the audit log's action codes and object types.

Codes stay stable in the database; apps that add actions may add their labels here. An unknown code
is shown as it is.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "auth.login": _("登录"),
    "auth.logout": _("退出登录"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("账号锁定"),
    "auth.unlock": _("解除登录锁定"),
    "auth.password_reset": _("重置密码"),
    "account.create": _("新建账号"),
    "account.deactivate": _("停用账号"),
    "account.reactivate": _("启用账号"),
    "auth.password_change": _("修改密码"),
    "auth.otp_enrol": _("绑定两步验证"),
    "auth.otp_verify": _("通过两步验证"),
    "auth.otp_failed": _("两步验证失败"),
    "auth.otp_recovery_codes": _("重新生成恢复码"),
    "auth.otp_reset": _("重置两步验证"),
    "auth.otp_code": _("生成两步验证绑定码"),
    "admin.add": _("后台新增"),
    "admin.change": _("后台修改"),
    "admin.delete": _("后台删除"),
    "catalog.add_node": _("新增目录栏目"),
    "catalog.edit_node": _("修改目录栏目"),
    "catalog.delete_node": _("删除目录栏目"),
    "catalog.ensure": _("生成内置目录"),
    "catalog.follow_kind": _("目录随机构类型调整"),
    "catalog.adopt_node": _("沿用同名栏目为内置栏目"),
    "organization.update_office": _("修改公开工作机构信息"),
    "item.create": _("新建信息"),
    "item.update": _("修改信息"),
    "item.add_attachment": _("上传附件"),
    "item.remove_attachment": _("删除附件"),
    "item.replace_attachment": _("替换附件"),
    "search.synonyms_save": _("保存同义词组"),
    "search.synonyms_delete": _("删除同义词组"),
    "item.submit": pgettext_lazy("audit action", "送审"),
    "item.return": pgettext_lazy("audit action", "退回"),
    "item.approve": pgettext_lazy("audit action", "审核通过"),
    "item.publish": _("发布"),
    "item.withdraw": _("撤回"),
    "item.delete": _("删除信息"),
    "item.migrate": _("导入已发布信息"),
    "item.migrate_update": _("更新已导入信息"),
    "report.create": _("建立年报"),
    "report.update_figures": _("修改年报填报数据"),
    "report.update_chapters": _("修改年报正文"),
    "report.regenerate_chapters": _("重新生成年报正文"),
    "report.submit": _("年报送审"),
    "report.return": _("退回年报"),
    "report.publish": _("公布年报"),
    "report.publish_override": _("未通过校验仍公布年报"),
    "report.reopen": _("撤回更正年报"),
    "demo.load": _("载入演示数据"),
    "gazette.create_issue": _("新建公报期次"),
    "gazette.add_entry": _("公报收录文件"),
    "gazette.remove_entry": _("公报移除文件"),
    "gazette.publish_issue": _("发布公报"),
    "gazette.withdraw_issue": _("撤回公报"),
    "gazette.withdraw_entry": _("撤回公报条目"),
    "newmedia.create_account": _("登记政务新媒体账号"),
    "newmedia.update_account": _("修改政务新媒体账号"),
    "newmedia.push": _("同步推送到政务新媒体"),
    "inspection.run": _("开展网站检查"),
    "inspection.issue_notice": _("下发整改通知"),
    "inspection.rectify": _("登记整改"),
    "inspection.notice_withheld": _("标记含其他单位问题的旧通报文件"),
    "inspection.notice_file_refused": _("拒绝下载含其他单位问题的通报文件"),
    "interpretation.create": _("新建政策解读"),
    "interpretation.update": _("修改政策解读"),
    "interpretation.update_refused": _("拒绝修改政策解读"),
    "policy.create": _("标注涉企政策"),
    "policy.update": _("修改涉企政策信息"),
    "policy.remove": _("取消涉企政策标注"),
    "policy_digest.compile": _("整理涉企政策季度推送"),
    "policy_digest.update": _("修改涉企政策推送说明"),
    "policy_digest.send": _("发送涉企政策季度推送"),
    "letter.issue": _("出具文书"),
    "letter.template_save": _("修改文书模板"),
    "letter.template_reset": _("恢复默认文书模板"),
    "regulations.register": _("登记规范性文件"),
    "regulations.update": _("修改规范性文件"),
    "regulations.filing": _("登记备案"),
    "regulations.compile": _("汇编规范性文件"),
    "regulations.renew": _("延续有效期"),
    "regulations.lapse": _("有效期届满失效"),
    "regulations.amend": _("被修改"),
    "regulations.repeal": _("被废止"),
    "regulations.replace": _("被替代"),
    "regulations.amend_other": _("修改其他文件"),
    "regulations.repeal_other": _("废止其他文件"),
    "regulations.replace_other": _("替代其他文件"),
    "regulations.amend_scheduled": _("登记将被修改（到期生效）"),
    "regulations.repeal_scheduled": _("登记将被废止（到期生效）"),
    "regulations.replace_scheduled": _("登记将被替代（到期生效）"),
    "regulations.scheduled_not_applied": _("到期关系不再生效（依据文件已先废止或失效）"),
    "regulations.confirm": _("清理：继续有效"),
    "regulations.mark_to_amend": _("清理：拟修改"),
    "regulations.cleanup_repeal": _("清理：废止"),
    "regulations.declare_invalid": _("清理：宣布失效"),
    "regulations.cleanup_open": _("启动文件清理"),
    "regulations.cleanup_decide": _("清理意见"),
    "regulations.cleanup_close": _("完成文件清理"),
    "regulations.cleanup_remove": _("移出清理范围"),
    "regulations.expiry_warning": _("有效期届满提醒"),
    "request.submit": _("网上提交申请"),
    "request.register": _("登记申请"),
    "request.confirm": _("确认收到申请"),
    "request.start": _("开始办理"),
    "request.transfer": _("转交其他机关"),
    "request.transfer_in": _("收到其他机关转来的申请"),
    "request.withdraw": _("申请人撤回申请"),
    "request.delay_reply": _("决定延迟答复（条例第三十五条）"),
    "workdays.enter_year": _("录入年度放假和调休安排"),
    "request.assign": _("交办"),
    "request.ask_assistance": _("请求协助"),
    "request.answer_assistance": _("答复协助"),
    "request.deliberation_open": _("发起会商"),
    "request.deliberation_opinion": _("会商意见"),
    "request.deliberation_close": _("结束会商"),
    "request.correction_request": _("补正告知"),
    "request.correction_receive": _("收到补正"),
    "request.consult": _("征求意见"),
    "request.consultation_received": _("意见征询书送达"),
    "request.consultation_answer": _("收到征求意见回复"),
    "request.fee_notice": _("发出收费通知"),
    "request.fee_notice_received": _("收费通知送达"),
    "request.fee_paid": _("缴纳信息处理费"),
    "request.extend": _("延期答复"),
    "request.void_event": _("撤销办理记录"),
    "request.volume_ask": _("要求说明申请理由"),
    "request.volume_decide": _("认定申请理由"),
    "request.draft_reply": _("起草答复"),
    "request.return_reply": _("退回答复"),
    "request.approve_reply": _("审核通过答复"),
    "request.deliver": _("登记送达"),
    "request.abandon": _("视为放弃申请"),
    "request.file": _("备案"),
    "request.filing_received": _("备案接收"),
    "request.archive": _("归档"),
    "request.remedy": _("登记行政复议或行政诉讼"),
    "request.proactive_item": _("转为主动公开"),
    "request.ledger_import": _("导入申请台账"),
    "request.ledger_export": _("导出申请台账"),
    "request.notify": _("通知申请人"),
    "request.disclose_add": _("添加提供的信息"),
    "request.disclose_remove": _("删除提供的信息"),
    "workplan.create_plan": _("新建工作要点"),
    "workplan.update_plan": _("修改工作要点"),
    "workplan.import": _("导入任务分解"),
    "workplan.export": _("导出任务分解"),
    "workplan.update_task": _("修改任务"),
    "workplan.add_deadline": _("增加时限"),
    "workplan.confirm_deadline": _("确认时限"),
    "workplan.delete_deadline": _("删除时限"),
    "workplan.submit_report": _("报送任务进展"),
    "workplan.accept_report": _("确认任务进展"),
    "workplan.overdue": _("任务逾期"),
    "seal.upload": _("上传印章图片"),
    "seal.remove": _("删除印章图片"),
    "assurance.checklist_save": _("保存回头看自查事项"),
    "assurance.campaign_create": _("新建回头看自查"),
    "assurance.campaign_update": _("修改回头看自查"),
    "assurance.campaign_open": _("下发回头看自查"),
    "assurance.campaign_close": _("结束回头看自查"),
    "assurance.campaign_export": _("导出回头看情况汇总"),
    "assurance.response_save": _("填报自查情况"),
    "assurance.response_submit": _("报送自查情况"),
    "assurance.response_accept": _("自查情况审核通过"),
    "assurance.response_return": _("退回自查情况"),
    "assurance.assessment_create": _("建立绩效考核"),
    "assurance.assessment_weights": _("修改考核权重"),
    "assurance.assessment_publish": _("公布考核结果"),
    "assurance.assessment_export": _("导出考核结果"),
    "assurance.manual_add": _("登记考核加减分"),
    "assurance.manual_remove": _("删除考核加减分"),
    "assurance.training_save": _("登记培训"),
    "assurance.training_material": _("上传培训材料"),
    "assurance.training_material_remove": _("删除培训材料"),
    "assurance.attendance_add": _("登记参训人员"),
    "assurance.attendance_remove": _("删除参训人员"),
    "assurance.negative_save": _("保存负面清单条目"),
    "assurance.negative_checklist": _("对照负面清单审查"),
    "assurance.term_save": _("保存严重错误词条"),
    "assurance.leader_save": _("保存领导姓名和职务"),
    "assurance.check_warnings": _("送审时发现可能的严重错误"),
}


def action_label(code: str) -> str:
    """The action's label; an unknown code (an app that forgot to add one) as 「其他操作（code）」."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else _("其他操作（%(code)s）") % {"code": code}


# Object types that are not models (an export, a demo load).
OBJECT_TYPE_LABELS = {
    "requests.ledger": _("申请台账"),
    "demo.load": _("演示数据"),
}


def object_type_label(code: str) -> str:
    """The model's verbose name for "app_label.model", else a known label, else 「其他」."""
    if code in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[code])
    try:
        return str(apps.get_model(code)._meta.verbose_name)
    except (LookupError, ValueError):
        return str(_("其他")) if code else ""


# Keys that services record beside a model's fields (counts, names, reasons): "object_type.key" for
# one object type, else "key" for any. A (label, "app_label.model.field") pair reads the value through
# that field (its choices, or the row its id names); an empty label takes that field's verbose_name too,
# so that a key reads the same as the field it stands for.
EXTRA_FIELD_LABELS = {
    "secrecy_checked": _("已进行保密审查"),
    "secrecy_opinion": _("保密审查意见"),
    "gazette.gazetteissue.published": _("添加时本期已公开"),
    "added": _("新增人数"),
    "answered": _("已作答事项数"),
    "attachment": _("附件"),
    "bundle_sha256": _("文书包校验值"),
    "comment": _("说明"),
    "documents": _("清理文件"),
    "entry": _("目录条目编号"),
    "evidence": _("佐证材料数"),
    "failed_checks": _("未通过的检查项"),
    "file": _("文件名"),
    "guest": _("嘉宾"),
    "item": _("政府信息编号"),
    "items": _("事项数"),
    "material": _("培训材料"),
    "options": _("选项"),
    "pdf_sha256": _("PDF 校验值"),
    "points": _("分值"),
    "question": _("问题"),
    "reason": _("理由"),
    "results": _("清理结果"),
    "rows": _("行数"),
    "sealed": _("已加盖印章"),
    "sha256": _("校验值"),
    "size": _("文件大小（字节）"),
    "speaker": _("发言人"),
    "title": _("标题"),
    "total": _("合计"),
    "turn": _("发言序号"),
    "unit": _("单位"),
    "units": _("单位数"),
    "withheld_parts": _("不予公开的部分"),
    "assurance.assessment.units": _("考核单位数"),
    "gazette.gazetteissue.item": ("", "gazette.gazetteentry.item"),
    "regulations.cleanupcampaign.results": (_("清理结果"), "regulations.cleanupentry.result"),
    "regulations.cleanupcampaign.not_applied": _("清理期间已失效或废止、未执行结论的文件"),
    "interviews.interview.speaker": ("", "interviews.turn.speaker"),
    "interviews.interview.text": ("", "interviews.turn.text"),
    "topics.topic.columns": _("专题栏目"),
    "topics.topic.units": _("可报送单位"),
    "proposals.summary.total": _("建议提案总数"),
    "proposals.summary.suggestions": _("建议件数"),
    "proposals.summary.proposals": _("提案件数"),
    "proposals.summary.co_handled": _("协办件数"),
    "proposals.summary.replied": _("已答复件数"),
    "proposals.summary.on_time": _("按期答复件数"),
    "proposals.summary.overdue_open": _("逾期未答复件数"),
    "proposals.summary.adopted": _("采纳件数"),
    "proposals.summary.published": _("公开件数"),
    "proposals.summary.A": _("A类件数"),
    "proposals.summary.B": _("B类件数"),
    "proposals.summary.C": _("C类件数"),
    "proposals.summary.A_share": _("A类占比（%）"),
    "proposals.summary.B_share": _("B类占比（%）"),
    "proposals.summary.C_share": _("C类占比（%）"),
    "proposals.summary.adopted_share": _("采纳率（%）"),
    "proposals.summary.on_time_share": _("按期答复率（%）"),
    "regulations.normativedocument.body": ("", "regulations.filing.body"),
    "regulations.normativedocument.number": _("备案号"),
    "regulations.normativedocument.filed_on": _("备案日期"),
    "regulations.normativedocument.relation": ("", "regulations.relation.kind"),
    "regulations.normativedocument.target": (_("对象文件"), "regulations.relation.target"),
    "regulations.normativedocument.target_title": _("对象文件标题"),
    "regulations.normativedocument.effective_on": _("生效日期"),
    "regulations.normativedocument.campaign": ("", "regulations.cleanupentry.campaign"),
    "regulations.normativedocument.result": (_("清理结果"), "regulations.cleanupentry.result"),
    "requests.requestcase.item": (_("公开的政府信息"), "requests.discloseddocument.item"),
    "requests.requestcase.title": _("文书标题"),
    "standards.assignment.not_applicable": _("不适用的事项及理由"),
    "requests.requestcase.doc_number": _("文书字号"),
    "requests.requestcase.pdf_sha256": _("文书 PDF 校验值"),
    "surveys.survey.kind": ("", "surveys.question.kind"),
}


def _extra(object_type: str, field: str):
    return EXTRA_FIELD_LABELS.get(f"{object_type}.{field}", EXTRA_FIELD_LABELS.get(field))


def extra_field_source(object_type: str, field: str) -> str | None:
    """"app_label.model.field" whose field reads a recorded extra key's value, or None."""
    extra = _extra(object_type, field)
    return extra[1] if isinstance(extra, tuple) else None


def field_label(object_type: str, field: str) -> str:
    """The model field's verbose name, else the label of a key services record beside the fields, else
    the key as it is."""
    try:
        label = getattr(apps.get_model(object_type)._meta.get_field(field), "verbose_name", None)
    except (LookupError, ValueError, FieldDoesNotExist):
        label = None
    if label is None:
        extra = _extra(object_type, field)
        if isinstance(extra, tuple):
            source = extra[1].rsplit(".", 1)
            label = extra[0] or field_label(*source)
        else:
            label = extra if extra is not None else field
    return str(label)
