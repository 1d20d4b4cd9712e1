"""The inspection rule over published items (registered into gongkai.inspection.rules in ready()): every
live item of the inspected units run through the 严重错误 checker. A misspelt name of the state or an organ,
or a leader named with another's post, is a 单项否决 (国办秘函〔2019〕19号 单项否决指标“严重错误”); an organ
name outdated by a reform, in information formed after it, is a deduction. 敏感词 are left to the reviewer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.assurance import checker
from gongkai.inspection.models import Severity
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import joined, text


class SeriousErrors(Rule):
    code = "serious_errors"
    title = gettext_lazy("已发布信息存在严重错误")
    indicator = "serious_errors"
    source = gettext_lazy("国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标“严重错误”：出现严重表述错误；"
                          "机构改革后的机关名称以《深化党和国家机构改革方案》（2018年）、《党和国家机构改革方案》（2023年）为准")
    requires_app = "gongkai.assurance"

    def check(self, context):
        from gongkai.publishing.queries import live_texts

        using = checker.matcher()
        for item in live_texts(context.organization_ids):
            warnings = [w for w in checker.check_text(checker.plain_text(item.title, item.summary, item.body),
                                                      item.formed_on, using) if w.severity != "warn"]
            if not warnings:
                continue
            veto = any(w.severity == "veto" for w in warnings)
            problems = joined((text(gettext_noop("“%(found)s”应为“%(right)s”"), found=w.found, right=w.correction)
                               for w in warnings[:5]), "semicolon")
            yield Hit(item.organization_id, f"item:{item.pk}",
                      text(gettext_noop("《%(title)s》：%(problems)s。"), title=item.title[:60], problems=problems),
                      {"urls": [reverse("portal:item", args=[item.pk])],
                       "found": [w.found for w in warnings], "sources": sorted({w.source for w in warnings})},
                      severity=Severity.VETO if veto else Severity.DEDUCT)
