"""依申请公开: the 信息处理费 of one request (国办函〔2020〕109号; the tiers are named constants in statute.py)."""

from dataclasses import dataclass

from gongkai.workdays import statute


class FeeBasis:
    BY_REQUEST = "by_request"  # 按件计收
    BY_PAGE = "by_page"  # 按量计收


@dataclass(frozen=True)
class FeeLine:
    first: int  # first 件/页 of the tier (inclusive)
    last: int  # last 件/页 of the tier counted here (inclusive)
    unit_yuan: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount_yuan(self) -> int:
        return self.count * self.unit_yuan


@dataclass(frozen=True)
class ProcessingFee:
    basis: str
    quantity: int  # 按件: the request's place among the applicant's requests this calendar month; 按量: pages
    lines: tuple[FeeLine, ...]

    @property
    def total_yuan(self) -> int:
        return sum(line.amount_yuan for line in self.lines)


def _by_request_unit_price(nth: int) -> int:
    if nth <= statute.FEE_BY_REQUEST_FREE_COUNT:
        return 0
    if nth <= statute.FEE_BY_REQUEST_FIRST_TIER_LAST:
        return statute.FEE_BY_REQUEST_FIRST_TIER_YUAN
    steps = (nth - statute.FEE_BY_REQUEST_FIRST_TIER_LAST - 1) // statute.FEE_BY_REQUEST_STEP_COUNT + 1
    return statute.FEE_BY_REQUEST_FIRST_TIER_YUAN + steps * statute.FEE_BY_REQUEST_STEP_YUAN


def processing_fee(basis: str, quantity: int) -> ProcessingFee:
    """The 信息处理费 of one request, 按件 or 按量 (never both), progressive by tier.

    按件: `quantity` is this request's place (1-based) among the same applicant's requests to the same
    organization in the calendar month; the request is charged the unit price of that place.
    按量: `quantity` is the number of pages provided; each tier's price applies to the pages inside it.
    """
    if quantity < 0:
        raise ValueError("quantity must not be negative")
    if basis == FeeBasis.BY_REQUEST:
        if quantity == 0:
            raise ValueError("a request's place in the month starts at 1")
        price = _by_request_unit_price(quantity)
        return ProcessingFee(basis, quantity, (FeeLine(quantity, quantity, price),) if price else ())
    if basis != FeeBasis.BY_PAGE:
        raise ValueError(f"unknown fee basis {basis!r}")
    lines, first = [], statute.FEE_BY_PAGE_FREE_PAGES + 1
    for last, price in statute.FEE_BY_PAGE_TIERS:
        if quantity < first:
            break
        end = quantity if last is None else min(quantity, last)
        lines.append(FeeLine(first, end, price))
        if last is None:
            break
        first = last + 1
    return ProcessingFee(basis, quantity, tuple(lines))
