"""Standard catalog staff URL kwargs for the permission matrix: a domain assigned to unit B (its nodes in
B's catalog), B's assignment and one of B's 事项."""

import datetime as dt

from gongkai.standards.models import Assignment, Domain, Matter, UnitMatter


def fillers(unit) -> dict[str, list[int]]:
    domain, _created = Domain.objects.get_or_create(code="matrix", defaults={"name": "矩阵测试领域"})
    matter, _created = Matter.objects.get_or_create(domain=domain, organization=None, level1="测试事项",
                                                    level2="测试事项")
    assignment = Assignment.objects.create(domain=domain, organization=unit.org, assigned_on=dt.date(2020, 9, 1),
                                           node=unit.nodes[0])
    unit_matter = UnitMatter.objects.create(assignment=assignment, matter=matter, node=unit.nodes[0],
                                            since=dt.date(2020, 9, 1))
    return {"domain_id": [domain.pk], "assignment_id": [assignment.pk], "unit_matter_id": [unit_matter.pk]}


def snapshot(unit) -> dict:
    assignments = Assignment.objects.filter(organization=unit.org)
    return {
        "assignments": list(assignments.order_by("pk").values()),
        "unit_matters": list(UnitMatter.objects.filter(assignment__in=assignments).order_by("pk").values()),
        "own_matters": list(Matter.objects.filter(organization=unit.org).order_by("pk").values()),
    }
