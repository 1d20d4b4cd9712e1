"""The names of a finding's evidence: rules store dates and counts under stable keys
({"dates": {"due": "2026-03-31"}, "counts": {"days_late": 3}}); the finding page shows them in Chinese."""

from django.utils.translation import gettext_lazy as _

EVIDENCE_LABELS = {
    # dates
    "closed": _("征求意见截止日期"),
    "due": _("应完成日期"),
    "expires_on": _("有效期至"),
    "formed_on": _("形成日期"),
    "interpretation_on": _("解读发布日期"),
    "last_published": _("最近发布日期"),
    "published_on": _("发布日期"),
    "quarter_end": _("季度末"),
    "received": _("收到日期"),
    # counts
    "columns": _("栏目数"),
    "days_late": _("逾期天数"),
    "days_since_update": _("未更新天数"),
    "late_workdays": _("逾期工作日数"),
    "live_items": _("在公开的信息条数"),
    "missing_fields": _("缺少的项目数"),
    "policies": _("政策条数"),
    "threshold": _("限值"),
}


def evidence_rows(evidence: dict) -> list[tuple[str, object]]:
    """The evidence's dates (those set) and counts as (label, value); an unknown key keeps its name."""
    rows = [(key, value) for key, value in (evidence.get("dates") or {}).items() if value]
    rows += list((evidence.get("counts") or {}).items())
    return [(str(EVIDENCE_LABELS.get(key, key)), value) for key, value in rows]
