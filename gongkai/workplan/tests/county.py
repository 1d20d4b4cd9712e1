"""A county for the work plan tests: 沂源县's organizations as the demo defines them (names, short names,
kinds), a 政务公开办 account on the county government, and the seed plan when asked for."""

from dataclasses import dataclass, field

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.demo.data.organizations import ORGANIZATIONS, ROOT_NAME, credit_code
from gongkai.demo.seed import seed_text
from gongkai.organizations.models import Organization
from gongkai.workplan import services
from gongkai.workplan.tabletext import parse_table_text


@dataclass
class County:
    orgs: dict[str, Organization]  # demo key → organization
    supervisor: object
    users: dict = field(default_factory=dict)

    @property
    def root(self) -> Organization:
        return self.orgs["yyx"]

    def by_short(self, short_name: str) -> Organization:
        return next(o for o in self.orgs.values() if o.short_name == short_name)

    def editor(self, key: str):
        if key not in self.users:
            self.users[key] = user_with_role(self.orgs[key], Role.EDITOR, username=f"{key}_editor")
        return self.users[key]


def build_county() -> County:
    orgs: dict[str, Organization] = {}
    for order, spec in enumerate(ORGANIZATIONS, start=1):
        orgs[spec.key] = Organization.objects.create(
            name=spec.name, short_name=spec.short_name, kind=spec.kind, credit_code=credit_code(spec),
            parent=None if spec.name == ROOT_NAME else orgs["yyx"], sort_order=order * 10,
            office_name=f"{spec.name}办公室",
        )
    return County(orgs, user_with_role(orgs["yyx"], Role.SUPERVISOR, username="gkb"))


def seed_table():
    return parse_table_text(seed_text())  # as the demo reads it (full-width punctuation)


def seed_plan(county: County):
    plan = services.create_plan(county.supervisor, county.orgs["bgs"], {
        "title": "沂源县2020年政务公开工作要点", "doc_number": "源政办字〔2020〕66号", "year": 2020,
        "issued_on": __import__("datetime").date(2020, 8, 10)})
    table = seed_table()
    report = services.import_rows(county.supervisor, plan, table.rows)
    return plan, report
