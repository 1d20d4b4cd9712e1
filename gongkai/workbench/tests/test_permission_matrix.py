"""Every staff URL, every user of unit A, every object of unit B: A can neither see B's unpublished
items nor change anything of B (the [spine] issue, section 2).

The URLs are not listed by hand: the test walks the root URLconf and takes every pattern under
/staff/, so the views of every app (publishing, catalog, audit, organizations, and those still to come)
are covered as soon as they are mounted. URL kwargs are filled by name from FILLERS with unit B's
objects; a pattern with a kwarg name that no filler knows fails the test.

An app that mounts staff URLs with kwargs of its own (document_id, issue_id, ...) registers them in
an optional module `gongkai/<app>/tests/matrix.py`:

    def fillers(unit) -> dict[str, list[int]]:
        # Create this app's objects for `unit` (unit.org, unit.editor, unit.reviewer, unit.org_admin,
        # unit.items, unit.nodes) and return {kwarg name: [ids]}.

    def snapshot(unit) -> dict:  # optional
        # This app's rows of `unit` that another unit's requests must not change.

The test calls `fillers` for unit B (and unit A, so A's pages have content), adds `snapshot` to the
rows it compares, and needs nothing else.
"""

import datetime as dt
import importlib
import itertools
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.shortcuts import resolve_url
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Membership, Role
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import add_node, ensure_catalog, node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.publishing import services
from gongkai.publishing.models import Attachment, IndexSequence, InformationItem, Review

pytestmark = pytest.mark.django_db

STAFF_PREFIX = "staff/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Unit:
    org: Organization
    editor: object
    reviewer: object
    org_admin: object
    items: dict = field(default_factory=dict)  # state name → item
    attachments: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # kwarg name → ids, from the apps' tests/matrix.py

    @property
    def users(self):
        return {"editor": self.editor, "reviewer": self.reviewer, "org_admin": self.org_admin}


# URL kwarg name → the values (ids of unit B's objects) to try, for the spine's own objects.
# Other apps register theirs in gongkai/<app>/tests/matrix.py (see the module docstring).
FILLERS: dict[str, Callable[[Unit], list]] = {
    "item_id": lambda b: [item.pk for item in b.items.values()],
    "attachment_id": lambda b: [a.pk for a in b.attachments],
    "org_id": lambda b: [b.org.pk],
    "node_id": lambda b: [n.pk for n in b.nodes],
    "event_id": lambda b: list(AuditEvent.objects.filter(organization=b.org).values_list("pk", flat=True)[:3]),
}


def app_matrix_modules() -> list:
    """The optional tests/matrix.py modules of Gongkai's apps."""
    modules = []
    for app in apps.get_app_configs():
        if not app.name.startswith("gongkai."):
            continue
        name = f"{app.name}.tests.matrix"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{app.name}.tests", name):
                raise
    return modules


def add_app_objects(unit: Unit) -> None:
    for module in app_matrix_modules():
        for kwarg, ids in module.fillers(unit).items():
            assert kwarg not in FILLERS and kwarg not in unit.extra, (
                f"{module.__name__} registers the URL kwarg {kwarg!r}, which another filler already fills")
            unit.extra[kwarg] = list(ids)


def values_for(kwarg: str, unit: Unit) -> list:
    return FILLERS[kwarg](unit) if kwarg in FILLERS else unit.extra[kwarg]


def build_unit(name: str) -> Unit:
    org = OrganizationFactory(name=f"{name}单位")
    ensure_catalog(org)
    unit = Unit(org, user_with_role(org, Role.EDITOR), user_with_role(org, Role.REVIEWER),
                user_with_role(org, Role.ORG_ADMIN))
    notices = node_by_key(org, "plan.notices")
    own_node = add_node(unit.org_admin, notices.parent, f"{name}自设栏目")
    unit.nodes = [notices, own_node]

    def new(state: str, **fields):
        data = {"title": f"{name}内部信息-{state}", "formed_on": dt.date(2020, 8, 10), "body": "<p>未公开正文</p>"}
        data.update(fields)
        item = services.create_item(unit.editor, org, data, [notices])
        unit.items[state] = item
        return item

    def reviewed(state: str, **fields):
        item = new(state, **fields)
        services.submit(unit.editor, item)
        services.approve(unit.reviewer, item, "同意", secrecy_checked=True)
        return item

    unit.attachments.append(services.add_attachment(unit.editor, new("draft"), SimpleUploadedFile("草稿.pdf", PDF)))
    services.submit(unit.editor, new("submitted"))
    returned = new("returned")
    services.submit(unit.editor, returned)
    services.return_item(unit.reviewer, returned, "请修改")
    reviewed("approved")
    reviewed("not_disclosed", disclosure_mode="not_disclosed", exemption_basis="art16_process")
    services.publish(unit.reviewer, reviewed("scheduled"), at=timezone.now() + dt.timedelta(days=5))
    published = services.publish(unit.reviewer, reviewed("published", title=f"{name}已公开信息"))
    unit.attachments.append(services.add_attachment(unit.reviewer, published, SimpleUploadedFile("公开.pdf", PDF)))
    services.withdraw(unit.reviewer, services.publish(unit.reviewer, reviewed("withdrawn")), "调整")
    services.delete(unit.reviewer, new("deleted"), "误建")
    for item in unit.items.values():
        item.refresh_from_db()
    add_app_objects(unit)
    return unit


def secret_titles(unit: Unit) -> list[str]:
    """Titles the public never sees (everything but the published and withdrawn items)."""
    return [item.title for state, item in unit.items.items() if state not in ("published", "withdrawn")]


def snapshot(unit: Unit) -> dict:
    """Every row of unit B that a request of unit A must not change."""
    items = InformationItem.objects.filter(organization=unit.org).order_by("pk")
    return {
        "organization": model_to_dict(Organization.objects.get(pk=unit.org.pk)),
        "items": [model_to_dict(i, exclude=["catalog_nodes"]) | {
            "index_no": i.index_no, "state": i.state, "created_by": i.created_by_id, "published_at": i.published_at,
            "state_changed_at": i.state_changed_at, "updated_at": i.updated_at,
            "nodes": sorted(i.catalog_nodes.values_list("pk", flat=True)),
        } for i in items],
        "attachments": list(Attachment.objects.filter(item__organization=unit.org).order_by("pk").values()),
        "reviews": list(Review.objects.filter(item__organization=unit.org).order_by("pk").values()),
        "nodes": list(CatalogNode.objects.filter(organization=unit.org).order_by("pk").values()),
        "memberships": list(Membership.objects.filter(organization=unit.org).order_by("pk").values()),
        "sequences": list(IndexSequence.objects.filter(organization=unit.org).order_by("pk").values()),
        "apps": {m.__name__: m.snapshot(unit) for m in app_matrix_modules() if hasattr(m, "snapshot")},
    }


# What a statement may do without changing a snapshot: read, or write to a table the snapshot never reads.
READ_ONLY_SQL = re.compile(r"\s*(SELECT|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.IGNORECASE)
WRITE_SQL = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
QUOTED_NAME = re.compile(r'"(\w+)"')


@contextmanager
def recorded_sql():
    """Every SQL statement run on the connection inside the block (no limit, unlike queries_log)."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def snapshot_tables(unit: Unit) -> set[str]:
    """The tables snapshot(unit) reads (over-estimated: every table its SQL names)."""
    with recorded_sql() as statements:
        snapshot(unit)
    tables = set(connection.introspection.table_names())
    return {name for sql in statements for name in QUOTED_NAME.findall(sql)} & tables


def may_change(statements: list[str], watched: set[str]) -> bool:
    """Whether the statements could have changed a row of the watched tables. Only a read, or a write to
    another table (the session every request saves), is known not to: any other statement counts as a
    possible change, and the caller compares full snapshots."""
    for sql in statements:
        if READ_ONLY_SQL.match(sql):
            continue
        write = WRITE_SQL.match(sql)
        if write is None or write.group(1) in watched:
            return True
    return False


@dataclass(frozen=True)
class StaffPattern:
    route: str
    view_name: str | None
    kwargs: tuple[str, ...]


def staff_patterns() -> list[StaffPattern]:
    found = []

    def walk(patterns, route: str, namespace: str, kwargs: tuple):
        for pattern in patterns:
            here = route + str(pattern.pattern).lstrip("^").rstrip("$")
            names = kwargs + tuple(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                ns = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, here, ns, names)
            elif here.startswith(STAFF_PREFIX):
                view_name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else None
                found.append(StaffPattern(here, view_name, names))

    walk(get_resolver().url_patterns, "", "", ())
    return found


def staff_urls(b: Unit) -> list[tuple[str, bool]]:
    """(url, refers to one of B's objects) for every staff pattern, kwargs filled from FILLERS."""
    patterns = staff_patterns()
    unnamed = [p.route for p in patterns if p.view_name is None]
    assert not unnamed, f"staff URL patterns without a name (name them so they can be reversed): {unnamed}"
    known = set(FILLERS) | set(b.extra)
    unknown = sorted({(name, p.view_name) for p in patterns for name in p.kwargs if name not in known})
    assert not unknown, (
        "staff URL kwargs the permission matrix cannot fill. Register each name with unit B's objects: "
        "return it from fillers(unit) in gongkai/<app>/tests/matrix.py (see the docstring of "
        f"{__name__}): {unknown}"
    )
    urls = []
    for pattern in patterns:
        choices = [values_for(name, b) for name in pattern.kwargs]
        assert all(choices), f"no value to fill {pattern.view_name} {pattern.kwargs} with"
        for values in itertools.product(*choices):
            urls.append((reverse(pattern.view_name, kwargs=dict(zip(pattern.kwargs, values, strict=True))),
                         bool(pattern.kwargs)))
    return urls


def hostile_post(b: Unit) -> dict:
    """Plausible data for every staff form, aimed at unit B."""
    node = b.nodes[0].pk
    return {
        "organization": b.org.pk, "org": b.org.pk, "organization_id": b.org.pk, "parent": node, "node": node,
        "catalog_nodes": [node], "title": "A单位篡改", "formed_on": "2020-01-02", "topic": "01", "doc_type": "通知",
        "disclosure_mode": "proactive", "body": "<p>篡改</p>", "decision": "approved", "secrecy_checked": "on",
        "opinion": "同意", "publish": "now", "when": "now", "reason": "篡改", "withdraw-reason": "篡改",
        "delete-reason": "篡改", "name": "篡改栏目", "description": "篡改", "expected_update_days": "1",
        "office_name": "篡改", "office_phone": "0533-0000000", "guide_text": "<p>篡改</p>", "confirm": "on",
    }


@pytest.fixture(scope="module")
def built_units(django_db_setup, django_db_blocker, tmp_path_factory):
    """Both units, built once for the module (the slowest part of each test when built per test) in a
    transaction rolled back at the end; each test runs in a savepoint inside it, so no test sees another's
    changes."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            yield build_unit("甲"), build_unit("乙"), media
            transaction.set_rollback(True)


@pytest.fixture
def units(built_units, db, settings):
    a, b, media = built_units
    settings.MEDIA_ROOT = media  # the units' attachments
    return a, b


def test_staff_urls_are_found(units):
    _a, b = units
    names = {p.view_name for p in staff_patterns()}
    assert {"workbench:home", "publishing:list", "publishing:detail", "publishing:review",
            "publishing:staff_attachment", "publishing:compare"} <= names
    assert len(staff_urls(b)) > 50


@pytest.mark.parametrize("role", ["editor", "reviewer", "org_admin"])
def test_unit_a_users_neither_see_nor_change_unit_b(client, units, role):
    a, b = units
    user = a.users[role]
    client.force_login(user)
    secrets = secret_titles(b)
    before = snapshot(b)
    watched = snapshot_tables(b)
    post = hostile_post(b)
    problems = []
    for url, is_object in staff_urls(b):
        # Comparing snapshots after every URL took most of this test's time; it is done when the
        # requests wrote to a table the snapshot reads (or ran SQL that may have written anywhere).
        with recorded_sql() as statements:
            response = client.get(url, {"organization": b.org.pk, "org_id": b.org.pk})
            body = response.content.decode(errors="replace") if not response.streaming else ""
            leaked = [title for title in secrets if title in body]
            if response.status_code >= 500 or leaked:
                problems.append(f"GET {url} → {response.status_code}, shows {leaked}")
            if is_object and response.status_code == 200 and response.streaming:
                problems.append(f"GET {url} → 200: served one of B's files")
            response = client.post(url, post)
            if is_object and response.status_code not in (403, 404, 405) and not _to_login(response):
                problems.append(f"POST {url} → {response.status_code} (expected 403, 404 or 405)")
            elif response.status_code >= 500:
                problems.append(f"POST {url} → {response.status_code}")
        if may_change(statements, watched) and snapshot(b) != before:
            problems.append(f"POST {url} changed unit B's data")
            before = snapshot(b)
    assert not problems, f"{role} of unit A:\n" + "\n".join(problems)


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_anonymous_visitors_are_sent_to_login_from_every_staff_url(client, units):
    _a, b = units
    before = snapshot(b)
    problems = []
    for url, _is_object in staff_urls(b):
        for method in (client.get, client.post):
            response = method(url)
            if not _to_login(response):
                problems.append(f"{method.__name__.upper()} {url} → {response.status_code}")
    assert not problems, "\n".join(problems)
    assert snapshot(b) == before


def test_own_unit_can_open_its_items(client, units):
    """The matrix would pass trivially if every page failed; the same pages work for unit B's own staff."""
    _a, b = units
    client.force_login(b.reviewer)
    for item in b.items.values():
        assert client.get(reverse("publishing:detail", kwargs={"item_id": item.pk})).status_code == 200
    for attachment in b.attachments:
        response = client.get(reverse("publishing:staff_attachment", kwargs={"attachment_id": attachment.pk}))
        assert response.status_code == 200
    assert b.items["draft"].title in client.get(reverse("publishing:list")).content.decode()


@pytest.mark.parametrize("role", ["reviewer", "org_admin"])
def test_no_staff_answer_may_be_cached(client, units, role):
    """Staff pages show personal data: every answer under /staff/, to the unit's own staff (pages,
    downloads, refusals alike), carries Cache-Control: no-store (issue #19, item 9)."""
    _a, b = units
    client.force_login(b.users[role])
    problems = []
    for url, _is_object in staff_urls(b):
        response = client.get(url)
        if "no-store" not in response.get("Cache-Control", ""):
            problems.append(f"GET {url} → {response.status_code}, Cache-Control: {response.get('Cache-Control')!r}")
    assert not problems, "\n".join(problems)


def test_the_snapshot_shortcut_sees_every_write_to_unit_b(client, units):
    """The role test compares snapshots only after requests that wrote to a table the snapshot reads:
    a write to unit B's rows (ORM or raw SQL) counts, a request that only saves its session does not."""
    _a, b = units
    watched = snapshot_tables(b)
    assert {InformationItem._meta.db_table, Attachment._meta.db_table, Review._meta.db_table} <= watched
    with recorded_sql() as statements:
        InformationItem.objects.filter(pk=b.items["draft"].pk).update(title="改")
    assert may_change(statements, watched)
    with recorded_sql() as statements, connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Review._meta.db_table} WHERE id = %s", [Review.objects.first().pk])
    assert may_change(statements, watched)
    client.force_login(b.reviewer)
    with recorded_sql() as statements:
        client.get(reverse("workbench:home"))
    assert statements and not may_change(statements, watched)
