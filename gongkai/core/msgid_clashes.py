"""Cross-app msgid clashes: one Chinese msgid translated differently by two apps' catalogs.

Django merges every app's catalog into one per language, and the app listed first in INSTALLED_APPS wins:
regulations' 「事项」 ("Event") used to stand on the participation and ratings pages too. Where the two
meanings differ, the app that means something else gives its msgid a pgettext context; where both
translations read right, the clash is listed in ALLOWED with the reason. `gongkai find_msgid_clashes`
prints them; core/tests/test_msgid_clashes.py fails on a new one.
"""

import gettext
from pathlib import Path

from django.apps import apps


def _catalog(app_config, language: str) -> dict:
    path = Path(app_config.path) / "locale" / language / "LC_MESSAGES" / "django.mo"
    if not path.exists():
        return {}
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def _key(raw) -> str:
    """"context\\x04msgid" → "context|msgid" (readable); a plural form's (msgid, n) → msgid."""
    msgid = raw[0] if isinstance(raw, tuple) else raw
    return msgid.replace("\x04", "|")


def find_clashes(language: str = "en") -> dict[str, dict[str, str]]:
    """{msgid: {app_label: msgstr}} of the msgids that two installed Gongkai apps translate differently,
    apps in INSTALLED_APPS order (the first one's translation is the one Django shows everywhere)."""
    seen: dict[str, dict[str, str]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        for raw, text in _catalog(config, language).items():
            if raw == "" or not text:
                continue
            forms = seen.setdefault(_key(raw), {})
            previous = forms.get(config.label)
            forms[config.label] = text if previous is None else f"{previous} / {text}"
    return {msgid: by_app for msgid, by_app in seen.items() if len(set(by_app.values())) > 1}


def clash_report(language: str = "en") -> list[str]:
    """One line per clash: the msgid, the translation shown everywhere, and every app's own."""
    lines = []
    for msgid, by_app in sorted(find_clashes(language).items()):
        winner = next(iter(by_app))
        mark = "" if msgid in ALLOWED else "  ← NEW"
        apps_text = "; ".join(f"{app}: {text}" for app, text in by_app.items())
        lines.append(f"「{msgid}」 shows “{by_app[winner]}” ({apps_text}){mark}")
    return lines


# Clashes where every app's translation reads right wherever Django shows the winner's: msgid → reason.
# Each was read with every app's translation (gongkai find_msgid_clashes prints them); a note says why where
# the words differ in more than style.
_CAPITALS = "the same words in other capitals or spacing"
_WORDING = "the same meaning in other words (a heading in the plural, a synonym, a shorter label)"
_MESSAGE = "the same message worded differently"
ALLOWED: dict[str, str] = {
    '%(n)d 处错误，未导入。': _MESSAGE,
    '%(name)s信息公开目录': _MESSAGE,
    '%(year)d年度': _MESSAGE,
    '“%(field)s”不能包含控制字符，请只填写文字。': _MESSAGE,
    '上一页': _WORDING,
    '上传时间': _WORDING,
    '下一页': _WORDING,
    '下发时间': _WORDING,
    '下载': 'a column heading: 「Downloads」 and 「Download」 both read right',
    '不同意公开': "participation's 「May not be published」 and requests' 「Does not agree to disclosure」 both state the person's refusal",
    '不满意': _WORDING,
    '不能超过%(n)d个字。': _MESSAGE,
    '不适用': _WORDING,
    '专题专栏': _WORDING,
    '专题稿件': "the staff menu's 「Special columns」 leads to the 专题 list where the submissions are; topics' 「Topic submissions」 reads right there too",
    '个工作日': _CAPITALS,
    '主办单位': 'Sponsor / Host / Lead unit / Run by: the unit in charge',
    '事项': "participation's 「Matters」 heads the decision matters of a catalog, standards' 「Item」 a disclosure matter: both read right",
    '交办': _WORDING,
    '依据': "assurance's 「Source」 of a score item and the 「Legal basis」 of the others: a score item's basis is its legal basis",
    '依申请公开': _WORDING,
    '保密审查': _WORDING,
    '保障措施': _WORDING,
    '信息状态': _WORDING,
    '信息管理': _WORDING,
    '修改': _WORDING,
    '修改登记信息': _WORDING,
    '全部单位': _WORDING,
    '公开依据': _WORDING,
    '公开页面': _CAPITALS,
    '内容': _WORDING,
    '决定日期': _WORDING,
    '分页': _WORDING,
    '删除': _WORDING,
    '到期日': _WORDING,
    '办公地址': _WORDING,
    '办理中': _WORDING,
    '办理结果': _WORDING,
    '单位': _WORDING,
    '发布日期': _WORDING,
    '发布时间': _WORDING,
    '发布机构': _WORDING,
    '发起人': '「Initiator」 and 「Requested by」 name the person who started it',
    '只有政务公开办可以发布通报。': _MESSAGE,
    '同意公开': 'as 不同意公开',
    '名称': _WORDING,
    '否': 'as 是',
    '在线访谈': _WORDING,
    '在网站公开': "mailbox's checkbox 「Publish on the website」 and topics' 「Shown on the site」 describe the same publication",
    '基本满意': _WORDING,
    '填写的内容不能包含控制字符，请只填写文字。': _MESSAGE,
    '备注': _WORDING,
    '审查记录': _WORDING,
    '审核人': _WORDING,
    '审核意见': 'review opinion / comment: the same note of a reviewer',
    '审核时间': _WORDING,
    '审核状态': _WORDING,
    '审核结论': _WORDING,
    '对象': "api's lower-case 「object」 (a JSON type) and the audit log's 「Object」",
    '对象类型': _WORDING,
    '对象编号': _WORDING,
    '已删除。': _MESSAGE,
    '已失效': _WORDING,
    '已答复': _WORDING,
    '已终止': _WORDING,
    '已结束': _WORDING,
    '已采用': _WORDING,
    '序号须为正整数。': _MESSAGE,
    '建议提案办理': _WORDING,
    '开始时间': _WORDING,
    '形成日期': _WORDING,
    '待发送': _WORDING,
    '待审核': '「Submitted」 and 「Awaiting review」 name the same state',
    '得分': _WORDING,
    '您没有权限执行此操作（仅限有相应岗位的人员）。': _MESSAGE,
    '您没有权限执行此操作（仅限本单位有相应岗位的人员）。': _MESSAGE,
    '惠企政策': _WORDING,
    '成文日期': _WORDING,
    '所属行业': _WORDING,
    '所选发布机构无效，或您无权为该机构起草信息。': _MESSAGE,
    '承办单位': _WORDING,
    '报送': "submit buttons: workplan's 「Report」 also stands on topics' 「Submit」 button and reads right",
    '报送人': _WORDING,
    '报送单位': _WORDING,
    '报送时间': _WORDING,
    '排序': _WORDING,
    '推送时间': _WORDING,
    '推送记录': _WORDING,
    '提交审核': _WORDING,
    '提交审核结论': _WORDING,
    '提交未被接受，请刷新页面后重试。': _MESSAGE,
    '提交的内容有误，未作任何保存，请修改以下问题：': _MESSAGE,
    '提示': _WORDING,
    '撤回原因': _WORDING,
    '操作': _WORDING,
    '政务公开清单': _WORDING,
    '政务公开负面清单': _WORDING,
    '政务新媒体矩阵': _WORDING,
    '政务服务好差评': _WORDING,
    '政府信息公开工作机构名称': _WORDING,
    '政策文件': _WORDING,
    '政策解读': _WORDING,
    '整改情况': _WORDING,
    '文件': _WORDING,
    '施行日期': _WORDING,
    '无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件（WPS 请另存为 Excel 工作簿）。': _MESSAGE,
    '时限节点': _WORDING,
    '是': "api's lower-case 「yes」 describes a boolean in the API guide; 「Yes」 reads right there too",
    '暂无信息': _WORDING,
    '未开始': _WORDING,
    '权重': _WORDING,
    '查看': _WORDING,
    '查看公开页面': _WORDING,
    '查询码': _WORDING,
    '查询过于频繁，请10分钟后再试。': _MESSAGE,
    '标题': _WORDING,
    '栏目名称': _WORDING,
    '检查': "assurance's 「Check」 and inspection's 「Inspections」 both name website checks",
    '检查结果': _WORDING,
    '正文': _WORDING,
    '正文已保存。': _MESSAGE,
    '每页条数': _WORDING,
    '涉企政策': "participation's 「Concerns enterprises」 and 「Enterprise policies」 both flag a text as concerning enterprises",
    '清除条件': _WORDING,
    '状态': _WORDING,
    '电子邮箱': _WORDING,
    '电话': _WORDING,
    '登记': _WORDING,
    '目录栏目': _WORDING,
    '短信': _WORDING,
    '确认提交': _WORDING,
    '确认时间': _WORDING,
    '站内搜索': _WORDING,
    '答复内容': _WORDING,
    '答复日期': _WORDING,
    '答复期限': _WORDING,
    '类型': _WORDING,
    '结束时间': _WORDING,
    '编号': _WORDING,
    '编辑中': _WORDING,
    '网址': _WORDING,
    '联系电话': _WORDING,
    '至': _CAPITALS,
    '表格中没有数据行。': _MESSAGE,
    '表格是空的。': _MESSAGE,
    '规范性文件库': _WORDING,
    '说明': _WORDING,
    '请填写%(label)s。': _MESSAGE,
    '请填写标题。': _MESSAGE,
    '请填写答复内容。': _MESSAGE,
    '请选择审核结论。': _MESSAGE,
    '退出查询': _WORDING,
    '退回意见': _WORDING,
    '送审时间': _WORDING,
    '通知': _WORDING,
    '通过': "assurance's 「Accept」 (a decision choice) and reports' 「Passed」 (a check result): both state the item passed",
    '采用': _WORDING,
    '页码，从 1 开始': _CAPITALS,
    '预告': _WORDING,
    '验证题：': _MESSAGE,
}
