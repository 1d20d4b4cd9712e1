"""The 检查指标 rules: each in its own module with its source cited. A rule whose data app is not installed
is pending; rules with no data source on the platform yet are listed in PENDING with the reason.

Apps above inspection that own the data of a rule (e.g. gongkai.assurance's 严重错误 check) add it in
their AppConfig.ready() with `register(rule)`; inspection never imports them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.inspection.rules.aggregates import AGGREGATES
from gongkai.inspection.rules.column import ColumnParts, EmptyNodes, GuideFields
from gongkai.inspection.rules.enterprise import PolicyPushMissing
from gongkai.inspection.rules.links import BrokenLinks
from gongkai.inspection.rules.messages import MessagesUnanswered
from gongkai.inspection.rules.participation import ConsultationOutcomeMissing
from gongkai.inspection.rules.policies import AnnualReportLate, InterpretationMissing, NormativeExpired
from gongkai.inspection.rules.requests import FilingsOverdue, RequestsOverdue
from gongkai.inspection.rules.standards import StandardMattersEmpty
from gongkai.inspection.rules.timeliness import PublicationLag, PublicationOverdue
from gongkai.inspection.rules.updates import HomeNotUpdated, NewsStale, NoticesStale, StaleNodes

RULES = [
    HomeNotUpdated(), NewsStale(), NoticesStale(), StaleNodes(), EmptyNodes(), ColumnParts(), GuideFields(),
    PublicationLag(), PublicationOverdue(), BrokenLinks(), RequestsOverdue(), FilingsOverdue(), InterpretationMissing(),
    NormativeExpired(), AnnualReportLate(), PolicyPushMissing(), ConsultationOutcomeMissing(),
    MessagesUnanswered(), StandardMattersEmpty(),
]




def register(rule) -> None:
    """Add a rule from an app above inspection (its AppConfig.ready())."""
    if all(existing.code != rule.code for existing in RULES):
        RULES.append(rule)


@dataclass(frozen=True)
class PendingRule:
    code: str
    title: str
    source: str
    reason: str


PENDING: list[PendingRule] = []


def active_rules() -> list:
    return [rule for rule in RULES if rule.available()]


def pending_rules() -> list[PendingRule]:
    missing = [PendingRule(rule.code, str(rule.title), str(rule.source),
                           str(_("需要安装 %(app)s 应用（其数据尚未接入）。") % {"app": rule.requires_app}))
               for rule in RULES if not rule.available()]
    return missing + PENDING


def all_codes() -> dict[str, object]:
    return {rule.code: rule for rule in [*RULES, *AGGREGATES]}
