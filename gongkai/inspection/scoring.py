"""A unit's score: 100 minus its deductions, each indicator's deductions capped at the indicator's cap;
any open 单项否决 makes it 不合格, and so does a score below the pass mark (国办秘函〔2019〕19号 指标说明)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from gongkai.inspection.indicators import INDICATORS
from gongkai.inspection.models import Severity
from gongkai.workdays.statute import INSPECTION_FULL_SCORE, INSPECTION_PASS_SCORE


@dataclass(frozen=True)
class Result:
    score: Decimal
    deductions: dict[str, str]  # indicator code → points deducted (capped), as text for JSON
    vetoed: bool
    findings: int

    @property
    def qualified(self) -> bool:
        return not self.vetoed and self.score >= INSPECTION_PASS_SCORE


def score(findings) -> Result:
    """`findings`: the unit's open findings (anything with severity, points and indicator)."""
    raw: dict[str, Decimal] = defaultdict(Decimal)
    vetoed = False
    count = 0
    for finding in findings:
        count += 1
        if finding.severity == Severity.VETO:
            vetoed = True
        else:
            raw[finding.indicator] += Decimal(finding.points)
    capped = {}
    for code, points in raw.items():
        indicator = INDICATORS.get(code)
        capped[code] = min(points, indicator.cap) if indicator is not None else points
    total = max(Decimal(0), Decimal(INSPECTION_FULL_SCORE) - sum(capped.values(), Decimal(0)))
    return Result(total, {code: str(points) for code, points in sorted(capped.items()) if points}, vetoed, count)
