"""Benchmarks of search and bulk import (results in bench/README.md).

    .venv/bin/python bench/run.py import --sizes 10000 100000 [--db sqlite|postgres]
    .venv/bin/python bench/run.py search --size 100000 [--db sqlite|postgres] [--rounds 5] [--parts]
    .venv/bin/python bench/run.py engine --size 1000000      # embedded engine only, no database

The search backend is `postgres` on PostgreSQL and `embedded` on SQLite unless BENCH_SEARCH says
otherwise (BENCH_SEARCH=embedded with --db postgres: a PostgreSQL site with the embedded index).
Each size gets a fresh site under $BENCH_DIR/<db>-<size>/ (default /tmp/gongkai-bench; SQLite) or a
fresh database <$BENCH_DB_PREFIX>_<size> (default gk_bench; PostgreSQL at $BENCH_PG, default
postgres://postgres@127.0.0.1:5432). `import`
builds the site (30 organizations with their catalogs), writes the corpus (bench/corpus.py) and runs
`gongkai import_documents` in a child process, sampling its memory; `search` reuses that site.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/gongkai-bench"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
GONGKAI = str(ROOT / ".venv" / "bin" / "gongkai")
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "gk_bench")  # PostgreSQL databases <prefix>_<size>
ORGANIZATIONS = 30


SEARCH = os.environ.get("BENCH_SEARCH", "")  # search backend; default: postgres on PostgreSQL, else embedded


def site_env(db: str, size: int) -> dict:
    workdir = WORK / f"{db}-{size}"
    env = {**os.environ, "GONGKAI_VAR_DIR": str(workdir / "var"), "GONGKAI_SECRET_KEY": "bench-" + "x" * 50,
           "GONGKAI_HTTPS": "0", "GONGKAI_TASKS_BACKEND": "immediate", "DJANGO_SETTINGS_MODULE": "gongkai.settings",
           "GONGKAI_SEARCH_BACKEND": SEARCH or ("postgres" if db == "postgres" else "embedded")}
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG}/{DB_PREFIX}_{size}"
    else:
        env.pop("DATABASE_URL", None)
    return env


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPU ({cpu}), {int(memory) // 1024 // 1024} GiB RAM, Python {platform.python_version()}"


# --- site set-up (runs inside Django) -----------------------------------------------------------------
def setup_site() -> list[dict]:
    import django

    django.setup()
    from gongkai.catalog.models import CatalogNode
    from gongkai.catalog.services import ensure_catalog
    from gongkai.organizations.factories import credit_code_for
    from gongkai.organizations.models import Organization

    organizations = []
    county = Organization.objects.create(kind="government", name="沂源县人民政府", short_name="县政府",
                                         credit_code=credit_code_for(1))
    for number in range(ORGANIZATIONS):
        org = county if number == 0 else Organization.objects.create(
            kind="department", parent=county, name=f"沂源县第{number}局", short_name=f"第{number}局",
            credit_code=credit_code_for(100 + number))
        ensure_catalog(org)
        leaves = [n for n in CatalogNode.objects.filter(organization=org) if not n.children.exists()]
        organizations.append({"code": org.credit_code, "paths": sorted(n.path for n in leaves)})
    return organizations


def fresh_site(db: str, size: int) -> dict:
    env = site_env(db, size)
    workdir = WORK / f"{db}-{size}"
    subprocess.run(["rm", "-rf", str(workdir)], check=True)
    (workdir / "var").mkdir(parents=True)
    if db == "postgres":
        admin = f"{PG}/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {DB_PREFIX}_{size}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {DB_PREFIX}_{size} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                                             "LC_CTYPE 'C.UTF-8' TEMPLATE template0"], check=True)
    subprocess.run([GONGKAI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    out = subprocess.run([sys.executable, __file__, "_setup"], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# --- import --------------------------------------------------------------------------------------------
def _tree(pid: int) -> list[int]:
    """The process and its descendants (the import forks a search indexer)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def rss_kib(pid: int) -> tuple[int, int]:
    """(proportional set size KiB, of which anonymous KiB) of the process tree: PSS shares the pages a
    forked child still has in common with its parent instead of counting them twice. File-backed pages
    (mmapped index segments, SQLite pages) are reclaimable; anonymous memory is what the processes hold."""
    total = anonymous = 0
    for member in _tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key == "Pss":
                    total += int(rest.split()[0])
                elif key == "Pss_Anon":
                    anonymous += int(rest.split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total, anonymous


def bench_import(db: str, size: int, index: bool = True, inline: bool = False) -> dict:
    from bench import corpus

    organizations = fresh_site(db, size)
    path = corpus.write(WORK / f"{db}-{size}" / "documents.jsonl", size, organizations)
    env = site_env(db, size)
    if not index:  # tasks are recorded, never run: the database side of the import alone
        env["GONGKAI_TASKS_BACKEND"] = "dummy"
    samples: list[tuple[float, int, int]] = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.monotonic()
    command = [GONGKAI, "import_documents", str(path), "--no-progress", *(["--index-inline"] if inline else [])]
    child = subprocess.Popen(command, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def sample():
        while child.poll() is None:
            samples.append((time.monotonic() - started, *rss_kib(child.pid)))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    if child.returncode:
        raise SystemExit(f"import failed:\n{out}\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss  # KiB, the largest child so far
    quarters = (0.25, 0.5, 0.75, 1.0)
    rss = [max((kib for t, kib, _anon in samples if t <= seconds * q), default=0) // 1024 for q in quarters]
    anon = [max((a for t, _kib, a in samples if t <= seconds * q), default=0) // 1024 for q in quarters]
    return {"db": db, "search_backend": env["GONGKAI_SEARCH_BACKEND"], "size": size, "search_indexing": ("inline" if inline else "second process") if index else "none", "seconds": round(seconds, 1), "docs_per_second": round(size / seconds),
            "cpu_seconds": round(cpu, 1), "docs_per_cpu_second": round(size / cpu),
            "load_average_at_start": round(load, 1),
            "pss_mib_at_25_50_75_100_percent": rss, "anonymous_pss_mib_at_25_50_75_100_percent": anon,
            "max_rss_children_mib": peak // 1024,
            "file_mib": round(path.stat().st_size / 2**20, 1), "output": out.strip().splitlines()[-1]}


# --- search --------------------------------------------------------------------------------------------
QUERIES = {
    "2-char": ["公开", "疫情", "财政", "扶贫", "预算"],
    "3-char": ["依申请", "信息化", "规范性", "新媒体"],
    "4-char": ["政务公开", "疫情防控", "营商环境", "信息公开"],
    "phrase": ["政务公开工作要点", "依申请公开", "政府信息公开条例", "重大行政决策"],
    "文号": ["源政办字〔2020〕66号", "源政办字[2020]66号", "源政字(2019)3号"],
    "2 terms": ["政务公开 营商环境", "财政 预算"],
}


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _parts(backend, services, SearchQuery) -> tuple:
    """(name, run) of the embedded backend's cold search taken apart (`search --parts`): the facet pass
    alone, the page pass alone, and the service with the facet pass replaced by nothing — what a cold
    search would cost if facets were free."""
    from gongkai.search.query import TIER_TITLE_PHRASE

    def facets(q):
        query = SearchQuery(q=q)
        clauses = backend._tier_clauses(query)
        matches = backend._any([c for tier, c in clauses if tier != TIER_TITLE_PHRASE])
        return backend._facets(backend._current_searcher()[1], backend._all([*backend._filters(query), matches]))

    def page(q):
        query = SearchQuery(q=q)
        return backend._page(backend._current_searcher()[1], backend._filters(query), backend._tier_clauses(query), query)

    def without_facets(q):
        backend.kept.clear()
        backend._facets = lambda searcher, union: (0, {})  # an instance attribute over the method
        try:
            return services.search(SearchQuery(q=q))
        finally:
            del backend._facets

    return (("facets_alone", facets), ("page_alone", page), ("service_without_facets", without_facets))


def bench_search(db: str, size: int, rounds: int, parts: bool = False) -> dict:
    for key, value in site_env(db, size).items():
        os.environ[key] = value
    import django

    django.setup()
    from gongkai.search import services, text
    from gongkai.search.backends import get_backend
    from gongkai.search.query import SearchQuery

    backend = get_backend()
    raw = raw_query(backend)
    timings: dict[str, dict[str, list[float]]] = {}
    cpu_ms: dict[str, list[float]] = {}  # CPU time of the process (every thread), less noisy under load
    counts = {}
    forget = getattr(getattr(backend, "kept", None), "clear", lambda: None)  # results kept per index generation
    names = ("raw", "raw_reloading", "backend", "service", "service_warm")
    extra = _parts(backend, services, SearchQuery) if parts and backend.name == "embedded" else ()
    names += tuple(name for name, _run in extra)
    for _round in range(rounds + 1):  # the first round warms caches and is not counted
        for group, queries in QUERIES.items():
            for q in queries:
                # backend and service: cold, nothing kept from an earlier identical search; service_warm:
                # the same search again at once (its page and facet counts kept, its items checked again).
                for name, run in (("raw", lambda q=q: raw(text.query_terms(q))),
                                  ("raw_reloading", lambda q=q: raw(text.query_terms(q), reload=True)),
                                  ("backend", lambda q=q: (forget(), backend.search(SearchQuery(q=q)))[1]),
                                  ("service", lambda q=q: (forget(), services.search(SearchQuery(q=q)))[1]),
                                  ("service_warm", lambda q=q: services.search(SearchQuery(q=q))),
                                  *((name, lambda q=q, run=run: run(q)) for name, run in extra)):
                    started, cpu = time.perf_counter(), time.process_time()
                    result = run()
                    elapsed = (time.perf_counter() - started) * 1000
                    if _round:
                        timings.setdefault(group, {}).setdefault(name, []).append(elapsed)
                        cpu_ms.setdefault(name, []).append((time.process_time() - cpu) * 1000)
                    if name == "backend":
                        counts[q] = result.count
    report = {"db": db, "backend": backend.name, "size": size, "rounds": rounds, "groups": {}, "counts": counts}
    every = {name: [] for name in names}
    for group, by_name in timings.items():
        report["groups"][group] = {name: [round(v, 1) for v in percentiles(values)] for name, values in by_name.items()}
        for name, values in by_name.items():
            every[name].extend(values)
    report["all"] = {name: [round(v, 1) for v in percentiles(values)] for name, values in every.items()}
    report["all_cpu"] = {name: [round(v, 1) for v in percentiles(values)] for name, values in cpu_ms.items()}
    report["load_average"] = [round(v, 1) for v in os.getloadavg()]
    return report


def raw_query(backend):
    """The engine's own query for the same terms on the same index, without our layer: every term as
    an exact phrase in title or body, top 20 newest with the total count (no tiers, facets, database).
    The reader is reloaded once, not per query (the index does not change during the run); with
    `reload`, before the query, as this function did until 2026-12-03 (sessions 1-6's figures)."""
    if backend.name == "embedded":
        import tantivy

        index = backend.index_handle
        index.reload()

        def run(terms, reload=False):
            if reload:
                index.reload()
            query = backend._all([backend._any([backend._phrase("title", t), backend._phrase("body", t)])
                                  for t in terms])
            result = index.searcher().search(query, 20, count=True, order_by_field="sort")
            return result.count
        assert tantivy
        return run
    from django.db import connection

    from gongkai.search.text import term_grams

    def run_pg(terms, reload=False):  # bigrams through the GIN index; terms that are not one bigram confirmed by strpos
        grams = sorted({g for t in terms for g in term_grams(t)})
        confirmed = [t for t in terms if len(t) != 2]
        where = " AND ".join(["TRUE"] + ["(strpos(title_norm, %s) > 0 OR strpos(body_norm, %s) > 0)"] * len(confirmed))
        params = [grams, *[p for t in confirmed for p in (t, t)]]
        with connection.cursor() as cursor:
            cursor.execute("SET random_page_cost = 1.1")
            # Materialized, so the planner reads the matches through the GIN index once (a LIMIT
            # tempts it into walking the date index and de-TOASTing every row's grams instead).
            cursor.execute(f"WITH m AS MATERIALIZED (SELECT item_id, published_at FROM search_pg_entry"
                           f" WHERE grams @> %s::text[] AND {where})"
                           " SELECT item_id, (SELECT count(*) FROM m) FROM m ORDER BY published_at DESC LIMIT 20",
                           params)
            rows = cursor.fetchall()
        return rows[0][1] if rows else 0

    return run_pg


# --- engine only at large sizes ----------------------------------------------------------------------
def bench_engine(size: int, rounds: int) -> dict:
    """Index `size` synthetic documents straight into a tantivy index (no database) and time queries."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ["GONGKAI_VAR_DIR"] = str(WORK / f"engine-{size}" / "var")
    import django

    django.setup()
    import datetime as dt

    from bench import corpus
    from gongkai.core.sanitize import html_to_text
    from gongkai.search import text
    from gongkai.search.backends.embedded import EmbeddedBackend
    from gongkai.search.documents import IndexDocument
    from gongkai.search.query import SearchQuery

    backend = EmbeddedBackend(path=str(WORK / f"engine-{size}" / "index"))
    orgs = [{"code": str(n), "paths": ["x"]} for n in range(ORGANIZATIONS)]
    started, batch = time.monotonic(), []
    if backend.count() < size:
        backend.clear()
    with backend.bulk():
        for number, record in enumerate(corpus.documents(size, orgs) if backend.count() < size else [], start=1):
            batch.append(IndexDocument(
                id=number, title=record["title"], body=html_to_text(record["body_html"]),
                extra=f"{record['doc_number']} {' '.join(record['keywords'])}", organization_id=int(record["organization"]) + 1,
                node_ids=[number % 200], published_at=dt.datetime.fromisoformat(record["published_at"]),
                topic=f"{number % 21 + 1:02d}", doc_type="通知", validity="valid" if number % 3 == 0 else "",
                doc_number=record["doc_number"]))
            if len(batch) == 5000:
                backend.index(batch)
                batch = []
        if batch:
            backend.index(batch)
    build = time.monotonic() - started
    raw = raw_query(backend)
    timings: dict[str, dict[str, list[float]]] = {}
    for _round in range(rounds + 1):
        for group, queries in QUERIES.items():
            for q in queries:
                for name, run in (("raw", lambda q=q: raw(text.query_terms(q))),
                                  ("backend", lambda q=q: backend.search(SearchQuery(q=q)))):
                    t0 = time.perf_counter()
                    run()
                    if _round:
                        timings.setdefault(group, {}).setdefault(name, []).append((time.perf_counter() - t0) * 1000)
    every = {name: [v for by_name in timings.values() for v in by_name[name]] for name in ("raw", "backend")}
    size_mib = sum(p.stat().st_size for p in backend.path.rglob("*") if p.is_file()) // 2**20
    return {"size": size, "build_seconds": round(build, 1), "index_mib": size_mib,
            "groups": {group: {name: [round(v, 1) for v in percentiles(values)] for name, values in by_name.items()}
                       for group, by_name in timings.items()},
            "all": {name: [round(v, 1) for v in percentiles(values)] for name, values in every.items()}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["import", "search", "engine", "_setup"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--parts", action="store_true", help="search: also time the facet pass, the page pass and the service without facets")
    parser.add_argument("--no-index", action="store_true", help="import without search indexing (dummy task backend)")
    parser.add_argument("--index-inline", action="store_true", help="index in the importing process (no second process)")
    args = parser.parse_args()
    if args.what == "_setup":
        print(json.dumps(setup_site()))
        return
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {machine()}", flush=True)
    if args.what == "import":
        for size in args.sizes:
            print(json.dumps(bench_import(args.db, size, index=not args.no_index, inline=args.index_inline), ensure_ascii=False), flush=True)
    elif args.what == "search":
        print(json.dumps(bench_search(args.db, args.size, args.rounds, args.parts), ensure_ascii=False), flush=True)
    else:
        print(json.dumps(bench_engine(args.size, args.rounds), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
