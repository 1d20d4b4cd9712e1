"""gongkai check_regulation_relations: stored 替代 / 修改 dated before their source's 施行日期.

A 替代 ends the replaced document on its 生效日期 and a 修改 makes the amending document the amended one's current
text from then: the acting document must be in force by that day (`regulations.dates.check_acting_date`, which
`services.relate` and `dates.check_against_history` apply to every new relation and edit). Relations recorded
before that rule, or imported, were never checked: this command lists those that leave a gap, by id and title,
and exits with status 1 when there are any (status 0 when none). It changes nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gongkai.regulations.dates import relation_gaps
from gongkai.regulations.models import Relation


def describe(relation: Relation) -> str:
    source, target = relation.source, relation.target
    last_gap_day = (source.effective_from - dt.timedelta(days=1)).isoformat()
    head = (f"关系 #{relation.pk} {relation.get_kind_display()}（生效日期 {relation.effective_on.isoformat()}）："
            f"文件 #{source.pk}《{source.title}》自 {source.effective_from.isoformat()} 起施行；")
    if relation.kind == Relation.Kind.REPLACES:
        return (head + f"文件 #{target.pk}《{target.title}》自 {relation.effective_on.isoformat()} 起被替代废止，"
                f"{relation.effective_on.isoformat()} 至 {last_gap_day} 两个文件均不施行。")
    return (head + f"文件 #{target.pk}《{target.title}》的现行文本自 {relation.effective_on.isoformat()} 起为该修改文件，"
            f"{relation.effective_on.isoformat()} 至 {last_gap_day} 现行文本尚未施行。")


class Command(BaseCommand):
    help = ("列出已登记、生效日期早于依据文件施行日期的替代和修改关系（被替代文件已废止或被修改文件的现行文本已指向新文件，"
            "新文件却尚未施行），按关系编号和文件名称列出；有则退出状态为 1。不修改任何数据。")

    def handle(self, *args, **options):
        found = relation_gaps()
        for relation in found:
            self.stdout.write(describe(relation))
        if not found:
            self.stdout.write(self.style.SUCCESS("没有生效日期早于依据文件施行日期的替代或修改关系。"))
            return
        raise CommandError(f"共 {len(found)} 条替代或修改关系早于依据文件的施行日期。请对照公布的文件核对依据文件的施行日期"
                           "和关系的生效日期；本命令未作任何修改。", returncode=1)
