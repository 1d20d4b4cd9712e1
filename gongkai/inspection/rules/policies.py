"""Policies and normative documents: 政策解读 missing or late (gongkai.interpretations), expired 规范性文件 still
in force (gongkai.regulations), annual reports late (gongkai.reports)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import label, text


class InterpretationMissing(Rule):
    code = "interpretation_missing"
    title = gettext_lazy("政策文件未同步解读")
    indicator = "interpretation"
    source = gettext_lazy("国办发〔2016〕80号实施细则：政策性文件与解读方案、解读材料同步组织、同步审签、同步部署；工作要点§4")
    requires_app = "gongkai.interpretations"

    def check(self, context):
        from gongkai.interpretations.services import findings

        found, _unknown = findings(context.organization_ids, context.today)
        for finding in found:
            policy = finding.policy
            state = text(gettext_noop("至今没有解读")) if finding.missing else text(
                gettext_noop("解读于%(on)s才发布"), on=finding.interpretation_on.isoformat())
            title = text(gettext_noop("《%(title)s》%(published)s发布，应于%(due)s前发布解读，%(state)s。"),
                         title=policy.title[:80], published=finding.published_on.isoformat(),
                         due=finding.due.isoformat(), state=state)
            yield Hit(policy.organization_id, f"item:{policy.pk}", title,
                      {"urls": [reverse("portal:item", args=[policy.pk])],
                       "dates": {"published_on": finding.published_on.isoformat(), "due": finding.due.isoformat(),
                                 "interpretation_on": finding.interpretation_on.isoformat()
                                 if finding.interpretation_on else None}})


class NormativeExpired(Rule):
    code = "normative_expired"
    title = gettext_lazy("有效期届满的规范性文件仍标注为有效")
    indicator = "normative"
    source = gettext_lazy("《山东省行政程序规定》第五十三条：有效期届满的，规范性文件自动失效；工作要点§6、§11：规范性文件动态调整更新")
    requires_app = "gongkai.regulations"

    def check(self, context):
        from gongkai.regulations.expiry import in_force

        documents = (in_force(context.today).filter(expires_on__lt=context.today,
                                                    item__organization_id__in=context.organization_ids)
                     .select_related("item"))
        for document in documents:
            yield Hit(document.item.organization_id, f"normative:{document.pk}",
                      text(gettext_noop("《%(title)s》（%(number)s）有效期至%(date)s已届满，仍标注为“%(validity)s”。"),
                           title=document.item.title[:80], number=document.item.doc_number,
                           date=document.expires_on.isoformat(), validity=label(document.get_validity_display())),
                      {"urls": [reverse("portal:item", args=[document.item_id])],
                       "dates": {"expires_on": document.expires_on.isoformat()}})


class AnnualReportLate(Rule):
    code = "annual_report_late"
    title = gettext_lazy("政府信息公开工作年度报告未按时公布")
    indicator = "annual_report"
    source = gettext_lazy("条例第四十九条：每年1月31日前公布本行政机关上一年度政府信息公开工作年度报告；县级人民政府3月31日前")
    requires_app = "gongkai.reports"

    def check(self, context):
        from gongkai.reports.deadlines import late_reports

        for late in late_reports(context.today, context.organization_ids):
            if late.published_on:
                title = text(gettext_noop("%(year)s年度报告应于%(due)s前公布，%(on)s才公布（逾期%(days)d天）。"),
                             year=late.year, due=late.due.isoformat(), on=late.published_on.isoformat(),
                             days=late.days_late)
            else:
                title = text(gettext_noop("%(year)s年度报告应于%(due)s前公布，至今未公布（已逾期%(days)d天）。"),
                             year=late.year, due=late.due.isoformat(), days=late.days_late)
            yield Hit(late.organization_id, f"year:{late.year}", title,
                      {"urls": [reverse("portal:annual_reports", args=[late.organization_id])],
                       "dates": {"due": late.due.isoformat(),
                                 "published_on": late.published_on.isoformat() if late.published_on else None},
                       "counts": {"days_late": late.days_late}})
