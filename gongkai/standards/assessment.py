"""The 标准目录 part of the 绩效考核 (工作要点§8; read by gongkai.assurance, which looks for `coverage`):
for each unit with assigned domains, the share (0 to 1) of its applicable 事项 covered on the last day of
`year` (or today, for the current year)."""

from decimal import Decimal

from gongkai.standards.services import coverage_by_unit


def coverage(year: int, organization_ids) -> dict[int, Decimal]:
    wanted = set(organization_ids)
    return {org_id: (Decimal(row["covered"]) / Decimal(row["applicable"]) if row["applicable"] else Decimal(1))
            for org_id, row in coverage_by_unit(year).items() if org_id in wanted}
