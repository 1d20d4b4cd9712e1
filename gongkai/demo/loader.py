"""Loading the 沂源县 demo data: organizations, catalogs, users, the site, items, then other apps' demo data.

Idempotent: everything is looked up before it is created (organizations by credit code or name, users
by user name, items by their DemoRecord key), so a second run creates nothing and takes a moment.
Transactional: one transaction for the whole load; files written before a failure are removed.
"""

import contextlib
import datetime as dt
import importlib
import importlib.util
import io
from dataclasses import dataclass, fields

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper
from django.db import transaction

from gongkai.accounts import enrolment
from gongkai.accounts.models import Membership, User
from gongkai.audit.services import record
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import ensure_catalog
from gongkai.demo.data.organizations import ORGANIZATIONS, ROOT_NAME, contact_fields, credit_code
from gongkai.demo.data.users import DEMO_ENROLMENT_CODE, DEMO_PASSWORD, SUPERUSER, USERS
from gongkai.demo.files import DemoFiles
from gongkai.demo.items import TZ, ItemSpec, plan_items
from gongkai.demo.models import DemoRecord
from gongkai.demo.seed import SEED_DOC_NUMBER, SEED_TITLE, seed_body_html
from gongkai.demo.workflow import WORKFLOW, create_workflow_item
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.publishing import services
from gongkai.publishing.choices import DocType
from gongkai.publishing.models import Attachment
from gongkai.workdays.calendar import WorkdayCalendar

SITE = {
    "name": ROOT_NAME,
    "site_code": "3703230001（示例）",
    "icp_number": "鲁ICP备00000000号（示例）",
    "police_number": "鲁公网安备 00000000000000号（示例）",
    "sponsor": "沂源县人民政府办公室（示例）",
    "emblem_url": "gongkai/site-mark.svg",
    "conac_url": "https://bszs.conac.cn/",
}


# Abolished units (OrgSpec.abolished_on) take part in the 2020 work plan, which matches its 责任单位 among
# active units only; they are made inactive once it is in, before the later years' stories (reports, assessment).
ABOLISH_AFTER = "gongkai.workplan.demo"


@dataclass
class Counts:
    organizations: int = 0
    catalog_nodes: int = 0
    users: int = 0
    sites: int = 0
    items: int = 0
    attachments: int = 0
    workflow_items: int = 0

    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        if not self.total():
            return "沂源县演示数据已存在，本次未新建任何数据。\nDemo data already loaded; nothing new was created."
        return (
            f"沂源县演示数据已导入：机构 {self.organizations} 个，目录栏目 {self.catalog_nodes} 个，用户 {self.users} 个，"
            f"站点 {self.sites} 个，已发布信息 {self.items} 条（附件 {self.attachments} 个），待办信息 {self.workflow_items} 条。\n"
            f"Demo data loaded: {self.organizations} organizations, {self.catalog_nodes} catalog nodes, "
            f"{self.users} users, {self.sites} site, {self.items} published items ({self.attachments} attachments), "
            f"{self.workflow_items} items in the workflow."
        )


def seed_spec() -> ItemSpec:
    """The work plan itself, as 沂源县人民政府办公室 published it."""
    return ItemSpec(
        key="seed", org="bgs", title=SEED_TITLE, nodes=["plan.notices", "art20.15"],
        published_at=dt.datetime(2020, 8, 12, 9, 0, tzinfo=TZ), formed_on=dt.date(2020, 8, 10),
        body=seed_body_html(), topic="01", keywords="政务公开 工作要点", doc_type=DocType.NOTICE,
        doc_number=SEED_DOC_NUMBER,
        attachments=[("seed_pdf", f"{SEED_TITLE}.pdf"), ("seed_docx", f"{SEED_TITLE}.docx")],
    )


class Loader:
    def __init__(self):
        self.counts = Counts()
        self.extension_output = ""  # what other apps' demo modules reported, shown after our summary
        self.files = DemoFiles()
        self.written: list[str] = []  # stored file names, removed again if the load fails
        self.orgs: dict[str, Organization] = {}
        self.users: dict[str, User] = {}

    def run(self) -> Counts:
        try:
            with _batched_search_indexing(), transaction.atomic():
                nodes_before = CatalogNode.objects.count()
                self.organizations()  # new organizations get their catalog at once (catalog.signals)
                self.catalogs()
                self.counts.catalog_nodes = CatalogNode.objects.count() - nodes_before
                self.accounts()
                self.site()
                self.items()
                self.workflow()
                if self.counts.total():
                    record(None, "demo.load", note=self.counts.summary().splitlines()[0],
                           object_type="demo.load")
                buffer = io.StringIO()
                for module in extension_modules():
                    module.load(OutputWrapper(buffer))
                    if module.__name__ == ABOLISH_AFTER:
                        self.abolish()
                self.abolish()  # (also when the work-plan app is not installed)
            self.extension_output = buffer.getvalue()
        except BaseException:
            for name in self.written:
                default_storage.delete(name)
            raise
        return self.counts

    # --- organizations and catalogs ----------------------------------------------------------
    def organizations(self) -> None:
        by_code = {o.credit_code: o for o in Organization.objects.all()}
        by_name = {o.name: o for o in by_code.values()}
        for order, spec in enumerate(ORGANIZATIONS, start=1):
            code = credit_code(spec)
            org = by_code.get(code) or by_name.get(spec.name)
            if org is None:
                org = Organization(
                    name=spec.name, short_name=spec.short_name, kind=spec.kind, credit_code=code,
                    parent=self.orgs.get("yyx"), sort_order=order * 10, **contact_fields(spec),
                )
                org.full_clean()
                org.save()
                self.counts.organizations += 1
            self.orgs[spec.key] = org

    def abolish(self) -> None:
        abolished = [self.orgs[spec.key].pk for spec in ORGANIZATIONS if spec.abolished_on]
        Organization.objects.filter(pk__in=abolished, is_active=True).update(is_active=False)

    def catalogs(self) -> None:
        for org in self.orgs.values():
            ensure_catalog(org)
        self.nodes = {
            (node.organization_id, node.template_key): node
            for node in CatalogNode.objects.filter(organization__in=self.orgs.values()).exclude(template_key="")
        }

    def node(self, org_key: str, template_key: str) -> CatalogNode:
        return self.nodes[(self.orgs[org_key].id, template_key)]

    # --- people and site ---------------------------------------------------------------------
    def accounts(self) -> None:
        existing = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in USERS])}
        password = None
        for username, full_name, org_key, role in USERS:
            user = existing.get(username)
            if user is None:
                password = password or make_password(DEMO_PASSWORD)  # hashed once for all demo users
                superuser = username == SUPERUSER
                user = User.objects.create(username=username, full_name=full_name, password=password,
                                           is_superuser=superuser, is_staff=superuser)
                self.counts.users += 1
                existing[username] = user  # a user listed twice (two roles) is created once
            if org_key:
                Membership.objects.get_or_create(user=user, organization=self.orgs[org_key], role=role)
            self.users[username] = user
        for user in self.users.values():
            # The public demo 绑定码 (docs/demo.md), for enrolling two-factor login the way a new account's owner
            # does; renewed at each load once spent or expired, never for a user who has an authenticator.
            if enrolment.unusable_reason(user):
                enrolment.issue(None, user, code=DEMO_ENROLMENT_CODE)

    def site(self) -> None:
        profile, created = SiteProfile.objects.get_or_create(
            host="", defaults={**SITE, "root_organization": self.orgs["yyx"]}
        )
        self.counts.sites += int(created)
        # A site made by an older demo gets the settings added since, without touching what is filled.
        blank = {name: value for name, value in SITE.items() if not getattr(profile, name)}
        if blank:
            SiteProfile.objects.filter(pk=profile.pk).update(**blank)

    # --- items -------------------------------------------------------------------------------
    def actor_for(self, org_key: str) -> User:
        return self.users.get(f"{org_key}_shy") or self.users[SUPERUSER]

    def items(self) -> None:
        done = set(DemoRecord.objects.values_list("key", flat=True))
        plan = sorted([seed_spec(), *plan_items(WorkdayCalendar())], key=lambda s: (s.published_at, s.key))
        for spec in plan:
            if spec.key not in done:
                self.create_item(spec)

    def create_item(self, spec: ItemSpec) -> None:
        actor = self.actor_for(spec.org)
        org = self.orgs[spec.org]
        nodes = [self.node(spec.org, key) for key in spec.nodes]
        item = services.record_migrated_item(actor, org, spec.data(), nodes, spec.published_at)
        for order, (kind, name) in enumerate(spec.attachments):
            self.attach(actor, item, kind, name, order)
        if spec.withdraw_reason:
            item = services.withdraw(actor, item, spec.withdraw_reason)
        DemoRecord.objects.create(key=spec.key, item=item)
        self.counts.items += 1

    def attach(self, actor, item, kind: str, name: str, order: int) -> Attachment:
        """An attachment of a migrated item, checked and stored by publishing.services (`order` is implied
        by the order of calls)."""
        attachment = services.record_migrated_attachment(actor, item, SimpleUploadedFile(name, self.files.get(kind)))
        self.written.append(attachment.file.name)
        self.counts.attachments += 1
        return attachment

    def workflow(self) -> None:
        done = set(DemoRecord.objects.filter(key__startswith="wf-").values_list("key", flat=True))
        for spec in WORKFLOW:
            if spec.key in done:
                continue
            item = create_workflow_item(
                spec, self.orgs[spec.org], self.node(spec.org, spec.node), self.users[f"{spec.org}_xxy"],
                self.users[f"{spec.org}_shy"], self.files, self.written,
            )
            DemoRecord.objects.create(key=spec.key, item=item)
            self.counts.workflow_items += 1


def _batched_search_indexing():
    """Index the new items in a few batches after the commit instead of one by one (when search is installed)."""
    if apps.is_installed("gongkai.search"):
        from gongkai.search.services import deferred_indexing

        return deferred_indexing()
    return contextlib.nullcontext()


def extension_modules(app_names=None):
    """`gongkai.<app>.demo` of every installed Gongkai app that has one, in INSTALLED_APPS order.

    Each module's `load(stdout)` adds that app's demo data; it must be idempotent like load_demo.
    """
    names = app_names if app_names is not None else [config.name for config in apps.get_app_configs()]
    for name in names:
        if not name.startswith("gongkai.") or name == "gongkai.demo":
            continue
        module_name = f"{name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            yield importlib.import_module(module_name)


def load() -> Counts:
    return Loader().run()

