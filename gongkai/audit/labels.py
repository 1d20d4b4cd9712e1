"""Readable Chinese names for the audit log's action codes and object types.

Codes stay stable in the database; apps that add actions may add their labels here. An unknown code
is shown as it is.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import pgettext, pgettext_lazy

ACTION_LABELS = {
    "auth.login": pgettext_lazy("audit action", "登录"),
    "auth.logout": pgettext_lazy("audit action", "退出登录"),
    "auth.login_failed": pgettext_lazy("audit action", "登录失败"),
    "auth.locked_out": pgettext_lazy("audit action", "账号锁定"),
    "auth.unlock": pgettext_lazy("audit action", "解除登录锁定"),
    "auth.password_reset": pgettext_lazy("audit action", "重置密码"),
    "account.create": pgettext_lazy("audit action", "新建账号"),
    "account.deactivate": pgettext_lazy("audit action", "停用账号"),
    "account.reactivate": pgettext_lazy("audit action", "启用账号"),
    "auth.password_change": pgettext_lazy("audit action", "修改密码"),
    "auth.otp_enrol": pgettext_lazy("audit action", "绑定两步验证"),
    "auth.otp_verify": pgettext_lazy("audit action", "通过两步验证"),
    "auth.otp_failed": pgettext_lazy("audit action", "两步验证失败"),
    "auth.otp_recovery_codes": pgettext_lazy("audit action", "重新生成恢复码"),
    "auth.otp_reset": pgettext_lazy("audit action", "重置两步验证"),
    "auth.otp_code": pgettext_lazy("audit action", "生成两步验证绑定码"),
    "admin.add": pgettext_lazy("audit action", "后台新增"),
    "admin.change": pgettext_lazy("audit action", "后台修改"),
    "admin.delete": pgettext_lazy("audit action", "后台删除"),
    "catalog.add_node": pgettext_lazy("audit action", "新增目录栏目"),
    "catalog.edit_node": pgettext_lazy("audit action", "修改目录栏目"),
    "catalog.delete_node": pgettext_lazy("audit action", "删除目录栏目"),
    "catalog.ensure": pgettext_lazy("audit action", "生成内置目录"),
    "catalog.follow_kind": pgettext_lazy("audit action", "目录随机构类型调整"),
    "catalog.adopt_node": pgettext_lazy("audit action", "沿用同名栏目为内置栏目"),
    "organization.update_office": pgettext_lazy("audit action", "修改公开工作机构信息"),
    "item.create": pgettext_lazy("audit action", "新建信息"),
    "item.update": pgettext_lazy("audit action", "修改信息"),
    "item.add_attachment": pgettext_lazy("audit action", "上传附件"),
    "item.remove_attachment": pgettext_lazy("audit action", "删除附件"),
    "item.replace_attachment": pgettext_lazy("audit action", "替换附件"),
    "search.synonyms_save": pgettext_lazy("audit action", "保存同义词组"),
    "search.synonyms_delete": pgettext_lazy("audit action", "删除同义词组"),
    "item.submit": pgettext_lazy("audit action", "送审"),
    "item.return": pgettext_lazy("audit action", "退回"),
    "item.approve": pgettext_lazy("audit action", "审核通过"),
    "item.publish": pgettext_lazy("audit action", "发布"),
    "item.withdraw": pgettext_lazy("audit action", "撤回"),
    "item.delete": pgettext_lazy("audit action", "删除信息"),
    "item.migrate": pgettext_lazy("audit action", "导入已发布信息"),
    "item.migrate_update": pgettext_lazy("audit action", "更新已导入信息"),
    "report.create": pgettext_lazy("audit action", "建立年报"),
    "report.update_figures": pgettext_lazy("audit action", "修改年报填报数据"),
    "report.update_chapters": pgettext_lazy("audit action", "修改年报正文"),
    "report.regenerate_chapters": pgettext_lazy("audit action", "重新生成年报正文"),
    "report.submit": pgettext_lazy("audit action", "年报送审"),
    "report.return": pgettext_lazy("audit action", "退回年报"),
    "report.publish": pgettext_lazy("audit action", "公布年报"),
    "report.publish_override": pgettext_lazy("audit action", "未通过校验仍公布年报"),
    "report.reopen": pgettext_lazy("audit action", "撤回更正年报"),
    "demo.load": pgettext_lazy("audit action", "载入演示数据"),
    "gazette.create_issue": pgettext_lazy("audit action", "新建公报期次"),
    "gazette.add_entry": pgettext_lazy("audit action", "公报收录文件"),
    "gazette.remove_entry": pgettext_lazy("audit action", "公报移除文件"),
    "gazette.publish_issue": pgettext_lazy("audit action", "发布公报"),
    "gazette.withdraw_issue": pgettext_lazy("audit action", "撤回公报"),
    "gazette.withdraw_entry": pgettext_lazy("audit action", "撤回公报条目"),
    "newmedia.create_account": pgettext_lazy("audit action", "登记政务新媒体账号"),
    "newmedia.update_account": pgettext_lazy("audit action", "修改政务新媒体账号"),
    "newmedia.push": pgettext_lazy("audit action", "同步推送到政务新媒体"),
    "inspection.run": pgettext_lazy("audit action", "开展网站检查"),
    "inspection.issue_notice": pgettext_lazy("audit action", "下发整改通知"),
    "inspection.rectify": pgettext_lazy("audit action", "登记整改"),
    "inspection.notice_withheld": pgettext_lazy("audit action", "标记含其他单位问题的旧通报文件"),
    "inspection.notice_file_refused": pgettext_lazy("audit action", "拒绝下载含其他单位问题的通报文件"),
    "interpretation.create": pgettext_lazy("audit action", "新建政策解读"),
    "interpretation.update": pgettext_lazy("audit action", "修改政策解读"),
    "interpretation.update_refused": pgettext_lazy("audit action", "拒绝修改政策解读"),
    "policy.create": pgettext_lazy("audit action", "标注涉企政策"),
    "policy.update": pgettext_lazy("audit action", "修改涉企政策信息"),
    "policy.remove": pgettext_lazy("audit action", "取消涉企政策标注"),
    "policy_digest.compile": pgettext_lazy("audit action", "整理涉企政策季度推送"),
    "policy_digest.update": pgettext_lazy("audit action", "修改涉企政策推送说明"),
    "policy_digest.send": pgettext_lazy("audit action", "发送涉企政策季度推送"),
    "letter.issue": pgettext_lazy("audit action", "出具文书"),
    "letter.template_save": pgettext_lazy("audit action", "修改文书模板"),
    "letter.template_reset": pgettext_lazy("audit action", "恢复默认文书模板"),
    "regulations.register": pgettext_lazy("audit action", "登记规范性文件"),
    "regulations.update": pgettext_lazy("audit action", "修改规范性文件"),
    "regulations.filing": pgettext_lazy("audit action", "登记备案"),
    "regulations.compile": pgettext_lazy("audit action", "汇编规范性文件"),
    "regulations.renew": pgettext_lazy("audit action", "延续有效期"),
    "regulations.lapse": pgettext_lazy("audit action", "有效期届满失效"),
    "regulations.amend": pgettext_lazy("audit action", "被修改"),
    "regulations.repeal": pgettext_lazy("audit action", "被废止"),
    "regulations.replace": pgettext_lazy("audit action", "被替代"),
    "regulations.amend_other": pgettext_lazy("audit action", "修改其他文件"),
    "regulations.repeal_other": pgettext_lazy("audit action", "废止其他文件"),
    "regulations.replace_other": pgettext_lazy("audit action", "替代其他文件"),
    "regulations.amend_scheduled": pgettext_lazy("audit action", "登记将被修改（到期生效）"),
    "regulations.repeal_scheduled": pgettext_lazy("audit action", "登记将被废止（到期生效）"),
    "regulations.replace_scheduled": pgettext_lazy("audit action", "登记将被替代（到期生效）"),
    "regulations.scheduled_not_applied": pgettext_lazy(
        "audit action", "到期关系不再生效（依据文件已先废止或失效）"
    ),
    "regulations.confirm": pgettext_lazy("audit action", "清理：继续有效"),
    "regulations.mark_to_amend": pgettext_lazy("audit action", "清理：拟修改"),
    "regulations.cleanup_repeal": pgettext_lazy("audit action", "清理：废止"),
    "regulations.declare_invalid": pgettext_lazy("audit action", "清理：宣布失效"),
    "regulations.cleanup_open": pgettext_lazy("audit action", "启动文件清理"),
    "regulations.cleanup_decide": pgettext_lazy("audit action", "清理意见"),
    "regulations.cleanup_close": pgettext_lazy("audit action", "完成文件清理"),
    "regulations.cleanup_remove": pgettext_lazy("audit action", "移出清理范围"),
    "regulations.expiry_warning": pgettext_lazy("audit action", "有效期届满提醒"),
    "request.submit": pgettext_lazy("audit action", "网上提交申请"),
    "request.register": pgettext_lazy("audit action", "登记申请"),
    "request.confirm": pgettext_lazy("audit action", "确认收到申请"),
    "request.start": pgettext_lazy("audit action", "开始办理"),
    "request.transfer": pgettext_lazy("audit action", "转交其他机关"),
    "request.transfer_in": pgettext_lazy("audit action", "收到其他机关转来的申请"),
    "request.withdraw": pgettext_lazy("audit action", "申请人撤回申请"),
    "request.delay_reply": pgettext_lazy("audit action", "决定延迟答复（条例第三十五条）"),
    "workdays.enter_year": pgettext_lazy("audit action", "录入年度放假和调休安排"),
    "request.assign": pgettext_lazy("audit action", "交办"),
    "request.ask_assistance": pgettext_lazy("audit action", "请求协助"),
    "request.answer_assistance": pgettext_lazy("audit action", "答复协助"),
    "request.deliberation_open": pgettext_lazy("audit action", "发起会商"),
    "request.deliberation_opinion": pgettext_lazy("audit action", "会商意见"),
    "request.deliberation_close": pgettext_lazy("audit action", "结束会商"),
    "request.correction_request": pgettext_lazy("audit action", "补正告知"),
    "request.correction_receive": pgettext_lazy("audit action", "收到补正"),
    "request.consult": pgettext_lazy("audit action", "征求意见"),
    "request.consultation_received": pgettext_lazy("audit action", "意见征询书送达"),
    "request.consultation_answer": pgettext_lazy("audit action", "收到征求意见回复"),
    "request.fee_notice": pgettext_lazy("audit action", "发出收费通知"),
    "request.fee_notice_received": pgettext_lazy("audit action", "收费通知送达"),
    "request.fee_paid": pgettext_lazy("audit action", "缴纳信息处理费"),
    "request.extend": pgettext_lazy("audit action", "延期答复"),
    "request.void_event": pgettext_lazy("audit action", "撤销办理记录"),
    "request.volume_ask": pgettext_lazy("audit action", "要求说明申请理由"),
    "request.volume_decide": pgettext_lazy("audit action", "认定申请理由"),
    "request.draft_reply": pgettext_lazy("audit action", "起草答复"),
    "request.return_reply": pgettext_lazy("audit action", "退回答复"),
    "request.approve_reply": pgettext_lazy("audit action", "审核通过答复"),
    "request.deliver": pgettext_lazy("audit action", "登记送达"),
    "request.abandon": pgettext_lazy("audit action", "视为放弃申请"),
    "request.file": pgettext_lazy("audit action", "备案"),
    "request.filing_received": pgettext_lazy("audit action", "备案接收"),
    "request.archive": pgettext_lazy("audit action", "归档"),
    "request.remedy": pgettext_lazy("audit action", "登记行政复议或行政诉讼"),
    "request.proactive_item": pgettext_lazy("audit action", "转为主动公开"),
    "request.ledger_import": pgettext_lazy("audit action", "导入申请台账"),
    "request.ledger_export": pgettext_lazy("audit action", "导出申请台账"),
    "request.notify": pgettext_lazy("audit action", "通知申请人"),
    "request.disclose_add": pgettext_lazy("audit action", "添加提供的信息"),
    "request.disclose_remove": pgettext_lazy("audit action", "删除提供的信息"),
    "workplan.create_plan": pgettext_lazy("audit action", "新建工作要点"),
    "workplan.update_plan": pgettext_lazy("audit action", "修改工作要点"),
    "workplan.import": pgettext_lazy("audit action", "导入任务分解"),
    "workplan.export": pgettext_lazy("audit action", "导出任务分解"),
    "workplan.update_task": pgettext_lazy("audit action", "修改任务"),
    "workplan.add_deadline": pgettext_lazy("audit action", "增加时限"),
    "workplan.confirm_deadline": pgettext_lazy("audit action", "确认时限"),
    "workplan.delete_deadline": pgettext_lazy("audit action", "删除时限"),
    "workplan.submit_report": pgettext_lazy("audit action", "报送任务进展"),
    "workplan.accept_report": pgettext_lazy("audit action", "确认任务进展"),
    "workplan.overdue": pgettext_lazy("audit action", "任务逾期"),
    "seal.upload": pgettext_lazy("audit action", "上传印章图片"),
    "seal.remove": pgettext_lazy("audit action", "删除印章图片"),
    "assurance.checklist_save": pgettext_lazy("audit action", "保存回头看自查事项"),
    "assurance.campaign_create": pgettext_lazy("audit action", "新建回头看自查"),
    "assurance.campaign_update": pgettext_lazy("audit action", "修改回头看自查"),
    "assurance.campaign_open": pgettext_lazy("audit action", "下发回头看自查"),
    "assurance.campaign_close": pgettext_lazy("audit action", "结束回头看自查"),
    "assurance.campaign_export": pgettext_lazy("audit action", "导出回头看情况汇总"),
    "assurance.response_save": pgettext_lazy("audit action", "填报自查情况"),
    "assurance.response_submit": pgettext_lazy("audit action", "报送自查情况"),
    "assurance.response_accept": pgettext_lazy("audit action", "自查情况审核通过"),
    "assurance.response_return": pgettext_lazy("audit action", "退回自查情况"),
    "assurance.assessment_create": pgettext_lazy("audit action", "建立绩效考核"),
    "assurance.assessment_weights": pgettext_lazy("audit action", "修改考核权重"),
    "assurance.assessment_publish": pgettext_lazy("audit action", "公布考核结果"),
    "assurance.assessment_export": pgettext_lazy("audit action", "导出考核结果"),
    "assurance.manual_add": pgettext_lazy("audit action", "登记考核加减分"),
    "assurance.manual_remove": pgettext_lazy("audit action", "删除考核加减分"),
    "assurance.training_save": pgettext_lazy("audit action", "登记培训"),
    "assurance.training_material": pgettext_lazy("audit action", "上传培训材料"),
    "assurance.training_material_remove": pgettext_lazy("audit action", "删除培训材料"),
    "assurance.attendance_add": pgettext_lazy("audit action", "登记参训人员"),
    "assurance.attendance_remove": pgettext_lazy("audit action", "删除参训人员"),
    "assurance.negative_save": pgettext_lazy("audit action", "保存负面清单条目"),
    "assurance.negative_checklist": pgettext_lazy("audit action", "对照负面清单审查"),
    "assurance.term_save": pgettext_lazy("audit action", "保存严重错误词条"),
    "assurance.leader_save": pgettext_lazy("audit action", "保存领导姓名和职务"),
    "assurance.check_warnings": pgettext_lazy("audit action", "送审时发现可能的严重错误"),
}


def action_label(code: str) -> str:
    """The action's label; an unknown code (an app that forgot to add one) as 「其他操作（code）」."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else pgettext("audit action", "其他操作（%(code)s）") % {"code": code}


# Object types that are not models (an export, a demo load).
OBJECT_TYPE_LABELS = {
    "requests.ledger": pgettext_lazy("audit object", "申请台账"),
    "demo.load": pgettext_lazy("audit object", "演示数据"),
}


def object_type_label(code: str) -> str:
    """The model's verbose name for "app_label.model", else a known label, else 「其他」."""
    if code in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[code])
    try:
        return str(apps.get_model(code)._meta.verbose_name)
    except (LookupError, ValueError):
        return pgettext("audit object", "其他") if code else ""


# Keys that services record beside a model's fields (counts, names, reasons): "object_type.key" for
# one object type, else "key" for any. A (label, "app_label.model.field") pair reads the value through
# that field (its choices, or the row its id names); an empty label takes that field's verbose_name too,
# so that a key reads the same as the field it stands for.
EXTRA_FIELD_LABELS = {
    "secrecy_checked": pgettext_lazy("audit field", "已进行保密审查"),
    "secrecy_opinion": pgettext_lazy("audit field", "保密审查意见"),
    "gazette.gazetteissue.published": pgettext_lazy("audit field", "添加时本期已公开"),
    "added": pgettext_lazy("audit field", "新增人数"),
    "answered": pgettext_lazy("audit field", "已作答事项数"),
    "attachment": pgettext_lazy("audit field", "附件"),
    "bundle_sha256": pgettext_lazy("audit field", "文书包校验值"),
    "comment": pgettext_lazy("audit field", "说明"),
    "documents": pgettext_lazy("audit field", "清理文件"),
    "entry": pgettext_lazy("audit field", "目录条目编号"),
    "evidence": pgettext_lazy("audit field", "佐证材料数"),
    "failed_checks": pgettext_lazy("audit field", "未通过的检查项"),
    "file": pgettext_lazy("audit field", "文件名"),
    "guest": pgettext_lazy("audit field", "嘉宾"),
    "item": pgettext_lazy("audit field", "政府信息编号"),
    "items": pgettext_lazy("audit field", "事项数"),
    "material": pgettext_lazy("audit field", "培训材料"),
    "options": pgettext_lazy("audit field", "选项"),
    "pdf_sha256": pgettext_lazy("audit field", "PDF 校验值"),
    "points": pgettext_lazy("audit field", "分值"),
    "question": pgettext_lazy("audit field", "问题"),
    "reason": pgettext_lazy("audit field", "理由"),
    "results": pgettext_lazy("audit field", "清理结果"),
    "rows": pgettext_lazy("audit field", "行数"),
    "sealed": pgettext_lazy("audit field", "已加盖印章"),
    "sha256": pgettext_lazy("audit field", "校验值"),
    "size": pgettext_lazy("audit field", "文件大小（字节）"),
    "speaker": pgettext_lazy("audit field", "发言人"),
    "title": pgettext_lazy("audit field", "标题"),
    "total": pgettext_lazy("audit field", "合计"),
    "turn": pgettext_lazy("audit field", "发言序号"),
    "unit": pgettext_lazy("audit field", "单位"),
    "units": pgettext_lazy("audit field", "单位数"),
    "withheld_parts": pgettext_lazy("audit field", "不予公开的部分"),
    "assurance.assessment.units": pgettext_lazy("audit field", "考核单位数"),
    "gazette.gazetteissue.item": ("", "gazette.gazetteentry.item"),
    "regulations.cleanupcampaign.results": (
        pgettext_lazy("audit field", "清理结果"),
        "regulations.cleanupentry.result",
    ),
    "regulations.cleanupcampaign.not_applied": pgettext_lazy(
        "audit field", "清理期间已失效或废止、未执行结论的文件"
    ),
    "interviews.interview.speaker": ("", "interviews.turn.speaker"),
    "interviews.interview.text": ("", "interviews.turn.text"),
    "topics.topic.columns": pgettext_lazy("audit field", "专题栏目"),
    "topics.topic.units": pgettext_lazy("audit field", "可报送单位"),
    "proposals.summary.total": pgettext_lazy("audit field", "建议提案总数"),
    "proposals.summary.suggestions": pgettext_lazy("audit field", "建议件数"),
    "proposals.summary.proposals": pgettext_lazy("audit field", "提案件数"),
    "proposals.summary.co_handled": pgettext_lazy("audit field", "协办件数"),
    "proposals.summary.replied": pgettext_lazy("audit field", "已答复件数"),
    "proposals.summary.on_time": pgettext_lazy("audit field", "按期答复件数"),
    "proposals.summary.overdue_open": pgettext_lazy("audit field", "逾期未答复件数"),
    "proposals.summary.adopted": pgettext_lazy("audit field", "采纳件数"),
    "proposals.summary.published": pgettext_lazy("audit field", "公开件数"),
    "proposals.summary.A": pgettext_lazy("audit field", "A类件数"),
    "proposals.summary.B": pgettext_lazy("audit field", "B类件数"),
    "proposals.summary.C": pgettext_lazy("audit field", "C类件数"),
    "proposals.summary.A_share": pgettext_lazy("audit field", "A类占比（%）"),
    "proposals.summary.B_share": pgettext_lazy("audit field", "B类占比（%）"),
    "proposals.summary.C_share": pgettext_lazy("audit field", "C类占比（%）"),
    "proposals.summary.adopted_share": pgettext_lazy("audit field", "采纳率（%）"),
    "proposals.summary.on_time_share": pgettext_lazy("audit field", "按期答复率（%）"),
    "regulations.normativedocument.body": ("", "regulations.filing.body"),
    "regulations.normativedocument.number": pgettext_lazy("audit field", "备案号"),
    "regulations.normativedocument.filed_on": pgettext_lazy("audit field", "备案日期"),
    "regulations.normativedocument.relation": ("", "regulations.relation.kind"),
    "regulations.normativedocument.target": (
        pgettext_lazy("audit field", "对象文件"),
        "regulations.relation.target",
    ),
    "regulations.normativedocument.target_title": pgettext_lazy("audit field", "对象文件标题"),
    "regulations.normativedocument.effective_on": pgettext_lazy("audit field", "生效日期"),
    "regulations.normativedocument.campaign": ("", "regulations.cleanupentry.campaign"),
    "regulations.normativedocument.result": (
        pgettext_lazy("audit field", "清理结果"),
        "regulations.cleanupentry.result",
    ),
    "requests.requestcase.item": (
        pgettext_lazy("audit field", "公开的政府信息"),
        "requests.discloseddocument.item",
    ),
    "requests.requestcase.title": pgettext_lazy("audit field", "文书标题"),
    "standards.assignment.not_applicable": pgettext_lazy("audit field", "不适用的事项及理由"),
    "requests.requestcase.doc_number": pgettext_lazy("audit field", "文书字号"),
    "requests.requestcase.pdf_sha256": pgettext_lazy("audit field", "文书 PDF 校验值"),
    "surveys.survey.kind": ("", "surveys.question.kind"),
}


def _extra(object_type: str, field: str):
    return EXTRA_FIELD_LABELS.get(f"{object_type}.{field}", EXTRA_FIELD_LABELS.get(field))


def extra_field_source(object_type: str, field: str) -> str | None:
    """ "app_label.model.field" whose field reads a recorded extra key's value, or None."""
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
