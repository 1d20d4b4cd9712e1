"""Counts that turn into a 单项否决 (国办秘函〔2019〕19号 单项否决指标“栏目不更新”): computed from the hits of
the rules they count, per unit."""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext_lazy

from gongkai.inspection.models import Severity
from gongkai.inspection.rules.base import Hit
from gongkai.inspection.wording import msgid_of, text
from gongkai.workdays import statute


class CountVeto:
    """A 单项否决 when a unit's hits of `counts` reach `threshold`."""

    severity = Severity.VETO
    requires_app = None
    points = Decimal(0)

    def __init__(self, code: str, title, counts: tuple[str, ...], threshold: int, indicator: str, source, text):
        self.code, self.title, self.counts, self.threshold = code, title, counts, threshold
        self.indicator, self.source, self.text = indicator, source, text

    def available(self) -> bool:
        return True

    def aggregate(self, hits_by_rule: dict[str, list[Hit]]) -> list[Hit]:
        tally: Counter = Counter()
        for code in self.counts:
            for hit in hits_by_rule.get(code, []):
                tally[hit.organization_id] += 1
        return [Hit(org_id, "count", text(msgid_of(self.text), count=count, threshold=self.threshold),
                    {"counts": {"columns": count, "threshold": self.threshold}}, severity=Severity.VETO)
                for org_id, count in sorted(tally.items()) if count >= self.threshold]


AGGREGATES = [
    CountVeto("key_columns_veto", gettext_lazy("栏目不更新：动态要闻、通知公告政策文件类栏目累计5个以上未更新"),
              ("news_stale", "notices_stale"), statute.STALE_KEY_COLUMNS_VETO_COUNT, "column_update",
              gettext_lazy("国办秘函〔2019〕19号 单项否决指标“栏目不更新”第1项"),
              gettext_lazy("动态、要闻类和通知公告、政策文件类栏目累计%(count)d个未按要求更新（达到%(threshold)d个即单项否决）。")),
    CountVeto("stale_columns_veto", gettext_lazy("栏目不更新：应更新但长期未更新的栏目10个以上"),
              ("stale_nodes",), statute.STALE_COLUMNS_VETO_COUNT, "column_update",
              gettext_lazy("国办秘函〔2019〕19号 单项否决指标“栏目不更新”第2项"),
              gettext_lazy("应更新但长期未更新的栏目%(count)d个（达到%(threshold)d个即单项否决）。")),
    CountVeto("empty_columns_veto", gettext_lazy("栏目不更新：空白栏目5个以上"),
              ("empty_nodes",), statute.EMPTY_COLUMNS_VETO_COUNT, "empty_columns",
              gettext_lazy("国办秘函〔2019〕19号 单项否决指标“栏目不更新”第3项"),
              gettext_lazy("空白栏目%(count)d个（达到%(threshold)d个即单项否决）。")),
]
