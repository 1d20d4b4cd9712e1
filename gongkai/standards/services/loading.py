"""The standard itself: loading the 26 built-in 领域 and importing a province's or city's catalog (XLSX)."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.standards.data import domains as data
from gongkai.standards.models import Assignment, Domain, Matter
from gongkai.standards.services.common import (
    ImportRefused,
    StandardsRefused,
    county_of,
    matter_defaults,
    purge_public,
    require,
)
from gongkai.standards.xlsx import ParsedCatalog, RowProblem


@transaction.atomic
def load_builtin() -> tuple[int, int]:
    """The 26 领域 and their shipped 事项 (data/domains.py). Idempotent: existing 事项 keep any imported
    content; returns (domains created, 事项 created)."""
    domains_created = matters_created = 0
    for order, code, name, guide, matters in data.rows():
        domain, created = Domain.objects.get_or_create(code=code, defaults={"name": name, "guide": guide,
                                                                             "sort_order": order * 10})
        domains_created += created
        for index, values in enumerate(matters, start=1):
            _matter, created = Matter.objects.get_or_create(
                domain=domain, organization=None, level1=values["level1"], level2=values["level2"],
                defaults={**matter_defaults(values), "sort_order": index * 10})
            matters_created += created
    return domains_created, matters_created


@transaction.atomic
def import_catalog(actor, parsed: ParsedCatalog, default_domain: Domain | None = None, request=None) -> dict:
    """Create or update the standard 事项 of every table in `parsed`: all or nothing. A 事项 is matched by
    its 领域, 一级事项 and 二级事项; a matched one takes the file's content. Returns counts per 领域 name."""
    county = county_of(actor)
    require(actor, "standards.manage", county.pk if county else None, _("只有政务公开办可以导入标准目录。"))
    problems = list(parsed.problems)
    by_name = {d.name: d for d in Domain.objects.all()}
    plan: list[tuple[Domain, dict]] = []
    for table in parsed.tables:
        domain = by_name.get(table.domain_name) or (default_domain if not table.domain_name else None)
        if domain is None:
            first_row = table.rows[0]["_row"] if table.rows else 1
            problems.append(RowProblem(table.sheet, first_row, "", _(
                "无法确定该表所属领域（标题或工作表名为“%(name)s”）；请在标题中写明领域名称，或在导入时选择领域。")
                % {"name": table.domain_name or table.sheet}))
            continue
        plan.extend((domain, row) for row in table.rows)
    if problems:
        raise ImportRefused(_("表格中有%(n)d处问题，未导入任何事项；请修改后重新导入。") % {"n": len(problems)}, problems)
    if not plan:
        raise StandardsRefused(_("表格中没有公开事项。"))
    counts: dict[str, dict[str, int]] = {}
    for position, (domain, row) in enumerate(plan, start=1):
        values = matter_defaults(row)
        matter = Matter.objects.filter(domain=domain, organization=None, level1=row["level1"],
                                       level2=row["level2"]).first()
        count = counts.setdefault(domain.name, {"created": 0, "updated": 0})
        if matter is None:
            Matter.objects.create(domain=domain, level1=row["level1"], level2=row["level2"], sort_order=position * 10,
                                  **values)
            count["created"] += 1
        else:
            for key, value in values.items():
                setattr(matter, key, value)
            matter.sort_order = position * 10
            matter.save()
            count["updated"] += 1
    record(actor, "standards.import", None, organization=county, note="; ".join(
        f"{name}: +{c['created']} ~{c['updated']}" for name, c in counts.items()), request=request,
        object_type="standards.Matter", object_repr=_("标准目录导入"))
    purge_public(Assignment.objects.values_list("organization_id", flat=True).distinct())
    return counts
