"""Benchmarks of the annual report and the staff lists at scale (issue #12; results in bench/README.md).

    .venv/bin/python bench/scale.py generate --cases 100000 --units 1      # a fresh PostgreSQL site gk_scale_<cases>_<units>
                                                                           # (BENCH_DB_PREFIX=gk_x: gk_x_<cases>_<units>)
    .venv/bin/python bench/scale.py extras --cases 100000 --units 1        # migrate, add audit events and findings
    .venv/bin/python bench/scale.py report --cases 100000 --units 1        # the 本级政府 report of 2020, 3 rounds
    .venv/bin/python bench/scale.py queries --cases 100000 --units 1 --explain  # its queries, timed and explained
    .venv/bin/python bench/scale.py staff --cases 100000 --units 1         # the staff lists, 5 rounds each

Cases are made through the ORM in bulk (bulk_create; ID and phone numbers encrypted as in real use):
received 2019-01-01 … 2021-06-30 evenly over the units, a random 申请人类型 and 办理结果, replied 5–45 days
later (the last ≈ 45 days still open, in every open state), 15 % with a consultation, an extension or a
补正 on the clock, 5 % with a fee. "Today" for the open cases is 2021-07-01 (`--today`).
`generate` also adds up to 100 k audit events and 20 k open inspection findings spread over the units.
Each run prints the load average: the machine may be shared. `BENCH_DB_PREFIX` (default `gk_scale`) names the
databases and the working directory, so that sessions sharing a PostgreSQL server keep apart.
"""

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# The database is <prefix>_<cases>_<units>; a shared machine gives each user its own prefix (BENCH_DB_PREFIX).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "gk_scale")
GONGKAI = str(ROOT / ".venv" / "bin" / "gongkai")
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2021, 6, 30)
TODAY = dt.date(2021, 7, 1)


def database(cases: int, units: int) -> str:
    return f"{DB_PREFIX}_{cases}_{units}"


def site_env(cases: int, units: int) -> dict:
    work = Path(f"/tmp/gongkai-bench/{database(cases, units)}")
    work.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "DATABASE_URL": f"{PG}/{database(cases, units)}", "GONGKAI_VAR_DIR": str(work / "var"),
            "GONGKAI_SECRET_KEY": "bench-" + "x" * 50, "GONGKAI_HTTPS": "0", "GONGKAI_TASKS_BACKEND": "dummy",
            "GONGKAI_FIELD_KEY": "bWVhc3VyZWQtbm90LWFzc2VydGVkLWJlbmNoLWtleSE=",
            "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_ALLOWED_HOSTS": "testserver",
            # The benchmark's users log in without a second factor (force_login); else every list redirects.
            "GONGKAI_TWO_FACTOR_ROLES": ""}


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


# --- generation (inside Django) --------------------------------------------------------------------------
def _generate(cases: int, units: int, seed: int = 12) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from gongkai.accounts.models import Membership, Role
    from gongkai.organizations.factories import credit_code_for
    from gongkai.organizations.models import Organization
    from gongkai.requests.choices import ApplicantType, Channel, State
    from gongkai.requests.models import ClockEvent, RequestCase
    from gongkai.requests.outcomes import Outcome

    rng = random.Random(seed)
    county = Organization.objects.create(kind="government", name="沂源县人民政府", short_name="县政府",
                                         credit_code=credit_code_for(1))
    orgs = [county] + [Organization.objects.create(kind="department", parent=county, name=f"沂源县第{n}局",
                                                   short_name=f"第{n}局", credit_code=credit_code_for(100 + n))
                       for n in range(1, units)]
    User = get_user_model()
    supervisor = User.objects.create_user("bench-supervisor", password="bench-password-123")
    Membership.objects.create(user=supervisor, organization=county, role=Role.SUPERVISOR)
    clerk = User.objects.create_user("bench-clerk", password="bench-password-123")
    Membership.objects.create(user=clerk, organization=orgs[-1], role=Role.REVIEWER)
    open_states = [State.ACCEPTED, State.PROCESSING, State.THIRD_PARTY, State.FEE, State.REVIEW, State.CORRECTION]
    outcomes, applicants = list(Outcome), list(ApplicantType)
    span = (LAST - FIRST).days
    batch, events = [], []
    K = ClockEvent.Kind

    def flush():
        with transaction.atomic():
            made = RequestCase.objects.bulk_create(batch, batch_size=2000)
            rows = []
            for case, extra in zip(made, events, strict=True):
                rows.append(ClockEvent(case=case, kind=K.RECEIVED, on=case.received_on, label="网络"))
                if case.replied_on:
                    rows.append(ClockEvent(case=case, kind=K.REPLIED, on=case.replied_on))
                for kind, on, until, workdays in extra:
                    rows.append(ClockEvent(case=case, kind=kind, on=on, until=until, workdays=workdays, label="第三方"))
            ClockEvent.objects.bulk_create(rows, batch_size=5000)
        batch.clear()
        events.clear()

    for n in range(cases):
        received = FIRST + dt.timedelta(days=span * n // cases)
        replied = received + dt.timedelta(days=rng.randint(5, 45))
        still_open = replied >= TODAY
        extra = []
        roll = rng.random()
        if roll < 0.05:
            extra.append((K.CONSULTATION, received + dt.timedelta(days=3), received + dt.timedelta(days=12), None))
        elif roll < 0.10:
            extra.append((K.EXTENSION, received + dt.timedelta(days=20), None, 20))
        elif roll < 0.15:
            extra.append((K.FEE, received + dt.timedelta(days=4), received + dt.timedelta(days=9), None))
        batch.append(RequestCase(
            tracking_number=f"SQ-{received.year}-{n:07d}", organization=orgs[n % units],
            state=rng.choice(open_states) if still_open else State.ARCHIVED, channel=Channel.ONLINE,
            submitted_at=dt.datetime.combine(received, dt.time(9), dt.timezone(dt.timedelta(hours=8))),
            applicant_type=rng.choice(applicants), applicant_name=f"申请人{n % 9973}",
            id_number="370323199001011234" if n % 10 == 0 else "", phone="13800001234" if n % 10 == 0 else "",
            info_title=f"关于第{n}号事项的信息", info_title_shown=f"关于第{n}号事项的信息",  # no number to mask
            info_description="申请公开有关信息",
            received_on=received, replied_on=None if still_open else replied,
            outcome="" if still_open else rng.choice(outcomes), fee_yuan=rng.choice([10, 30]) if roll > 0.95 else None,
            clock_changed=bool(extra),  # mirrored as requests.mirror keeps it (bulk_create sends no signal)
        ))
        events.append(extra)
        if len(batch) >= 20000:
            flush()
            print(f"  {n + 1} cases", file=sys.stderr, flush=True)
    if batch:
        flush()


def _extras(events: int, findings: int) -> None:
    """Audit events and open inspection findings, spread over the units like the cases."""
    import django

    django.setup()
    from django.utils import timezone

    from gongkai.audit.models import AuditEvent
    from gongkai.inspection.models import Finding, Run, Severity
    from gongkai.organizations.models import Organization

    orgs = list(Organization.objects.order_by("id"))
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [AuditEvent(actor_name="信息员", action="request.start", object_type="requests.requestcase",
                    object_id=str(n), object_repr=f"SQ-{n:07d}", organization=orgs[n % len(orgs)],
                    note="开始办理") for n in range(events)], batch_size=5000)
    run = Run.objects.create(trigger="manual", checked_on=now.date(), finished_at=now)
    Finding.objects.bulk_create(
        [Finding(organization=orgs[n % len(orgs)], rule="links.broken", indicator="2.1", subject=f"item:{n}",
                 title=f"第{n}条信息的链接失效", severity=Severity.DEDUCT, points=0.5, first_seen_at=now,
                 first_seen_run=run, last_seen_at=now, last_seen_run=run) for n in range(findings)],
        batch_size=5000)


def generate(cases: int, units: int) -> None:
    name = database(cases, units)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                                                     "LC_CTYPE 'C.UTF-8' TEMPLATE template0"], check=True)
    env = site_env(cases, units)
    subprocess.run([GONGKAI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    started = time.monotonic()
    subprocess.run([sys.executable, __file__, "_generate", "--cases", str(cases), "--units", str(units)],
                   env=env, check=True)
    subprocess.run([sys.executable, __file__, "_extras", "--cases", str(cases), "--units", str(units)],
                   env=env, check=True)
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    print(f"generated {cases} cases in {units} unit(s): {time.monotonic() - started:.0f} s ({load()})")


# --- the annual report --------------------------------------------------------------------------------
def _report(rounds: int) -> None:
    import resource

    import django

    django.setup()
    from gongkai.organizations.models import Organization
    from gongkai.reports import reading

    county = Organization.objects.get(parent__isnull=True)
    unit = Organization.objects.order_by("-id").first()
    for label, organization in (("本级政府 (every unit)", county), ("one unit", unit)):
        times, cpu = [], []
        for _ in range(rounds):
            started, started_cpu = time.perf_counter(), time.process_time()
            computed = reading.compute_for(organization, 2020, {}, with_activity=True)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        requests = computed.data["requests"]
        print(f"{label}: wall {', '.join(f'{t * 1000:.0f}' for t in times)} ms, Python CPU "
              f"{', '.join(f'{t * 1000:.0f}' for t in cpu)} ms; new {requests['new']['total']}, "
              f"processed {requests['total_processed']['total']}, on time {computed.figures.on_time}/"
              f"{computed.figures.due_known}; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB; "
              f"{load()}")


def _queries(explain: bool) -> None:
    """The 本级政府 report's queries at this size: Django's time for each, the slowest first, and with
    --explain PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of those over 30 ms (run again: a second execution)."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.organizations.models import Organization
    from gongkai.reports import reading

    county = Organization.objects.get(parent__isnull=True)
    reading.compute_for(county, 2020, {}, with_activity=True)  # warm: caches and the day table
    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        reading.compute_for(county, 2020, {}, with_activity=True)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    captured = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
    print(f"wall {wall * 1000:.0f} ms, Python CPU {cpu * 1000:.0f} ms, {len(captured)} queries, DB "
          f"{sum(float(q['time']) for q in captured) * 1000:.0f} ms; {load()}")
    for query in captured[:5]:
        print(f"  {float(query['time']) * 1000:6.0f} ms  {query['sql'][:160]}")
        if explain and float(query["time"]) > 0.03:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join("      " + row[0] for row in cursor.fetchall()))


# --- the staff lists --------------------------------------------------------------------------------------
STAFF_PAGES = [
    ("我的待办", "/staff/"),
    ("request list", "/staff/requests/"),
    ("request list, page 100", "/staff/requests/?page=100"),
    ("request list, search", "/staff/requests/?q=第4242号"),
    ("due list", "/staff/requests/due/"),
    ("ledger", "/staff/requests/ledger/"),
    ("audit log", "/staff/audit/"),
    ("inspection findings", "/staff/inspection/"),
]


def _staff(rounds: int, today: str) -> None:
    import django

    django.setup()
    import gc
    from unittest import mock

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # As a gunicorn worker of the documented set-up (deploy/gunicorn.conf.py: post_worker_init) does once
    # the application is loaded: the start-up objects are no longer scanned by every full collection.
    get_user_model().objects.exists()
    gc.freeze()
    for username in ("bench-clerk", "bench-supervisor"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        print(f"as {username}:")
        with mock.patch("django.utils.timezone.localdate", return_value=dt.date.fromisoformat(today)):
            for label, url in STAFF_PAGES:
                times, cpu = [], []
                for _ in range(rounds):
                    with CaptureQueriesContext(connection) as queries:
                        started, started_cpu = time.perf_counter(), time.process_time()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                        cpu.append((time.process_time() - started_cpu) * 1000)
                if response.status_code == 302 and "/accounts/" in response["Location"]:  # not logged in
                    raise SystemExit(f"{url}: HTTP {response.status_code} {response.get('Location', '')}")
                times.sort()
                cpu.sort()
                print(f"  {label:24} {response.status_code} median {times[len(times) // 2]:7.1f} ms, max {times[-1]:7.1f} ms, "
                      f"Python CPU median {cpu[len(cpu) // 2]:6.1f} ms, "
                      f"{len(queries)} queries, {len(response.content) // 1024} KiB; {load()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["generate", "extras", "report", "queries", "staff", "_generate", "_extras",
                                            "_report", "_queries", "_staff"])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--today", default=TODAY.isoformat())
    parser.add_argument("--explain", action="store_true", help="queries: EXPLAIN (ANALYZE, BUFFERS) the slow ones")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.cases, args.units)
    elif args.command == "_generate":
        _generate(args.cases, args.units)
    elif args.command == "_extras":
        _extras(min(args.cases, 100_000), min(args.cases // 5, 20_000))
    elif args.command == "_report":
        _report(args.rounds)
    elif args.command == "_queries":
        _queries(args.explain)
    elif args.command == "_staff":
        _staff(args.rounds, args.today)
    elif args.command == "extras":
        env = site_env(args.cases, args.units)
        subprocess.run([GONGKAI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        subprocess.run([sys.executable, __file__, "_extras", "--cases", str(args.cases)], env=env, check=True)
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    else:
        env = site_env(args.cases, args.units)
        print(f"{args.command}: {args.cases} cases in {args.units} unit(s), {load()}")
        subprocess.run([sys.executable, __file__, f"_{args.command}", "--rounds", str(args.rounds), "--today", args.today,
                        *(["--explain"] if args.explain else [])], env=env, check=True)


if __name__ == "__main__":
    main()
