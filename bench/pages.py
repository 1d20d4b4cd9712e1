"""Anonymous pages through the documented production stack against nginx serving the same bytes and
against a minimal Django view returning the same bytes (issue #12; results in bench/README.md).

    .venv/bin/python bench/pages.py [--seconds 5] [--repetitions 3] [--connections 32] [--ports 8300]

Builds a fresh PostgreSQL site with the 沂源县 demo data (database $BENCH_PAGES_DB, default gk_bench_pages,
at $BENCH_PG; work files under $BENCH_DIR), starts
`deploy/run-local.sh` (nginx with the shipped configuration in front of gunicorn with 3 workers, page
files on), fetches each page once through it and saves the bytes, then starts nginx serving those
bytes as plain files and gunicorn (3 workers) serving them from a minimal Django view, and measures
with wrk, interleaved: for each repetition, each page, each target in turn. Targets:

- **stack**: the documented stack (deploy/run-local.sh), anonymous visitor: nginx answers from the
  page files the application published;
- **stack, rendered**: the same stack for a reader with a 字号 cookie (`gk_display=l`): nginx passes
  the request to gunicorn and Django renders the page (the uncached path);
- **nginx static**: nginx serving the saved bytes (`sendfile`, same worker count);
- **minimal Django**: gunicorn (3 sync workers, deploy/gunicorn.conf.py) with a one-view Django project
  returning the saved bytes;
- **gunicorn, rendered**: the application under that same server (gunicorn, 3 sync workers, TCP, the
  production deploy/gunicorn.conf.py, no nginx in front) for the reader with the 字号 cookie: the
  like-for-like comparison with the minimal view (issue #12 item 3).

Prints req/s and p99 latency per run, then per page the ratios stack / nginx static, gunicorn, rendered /
minimal Django and stack, rendered / minimal Django (min / median / max over the repetitions), with the
load average before each run.
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BIN = ROOT / ".venv" / "bin"
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/gongkai-bench")) / "pages"
# Both gunicorns of the like-for-like comparison run with the production settings (redacted error and
# access logs, deploy/gunicorn.conf.py).
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
DB = os.environ.get("BENCH_PAGES_DB", "gk_bench_pages")  # several people may share a PostgreSQL


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, path: str = "/", seconds: int = 900) -> None:  # collectstatic on a first start
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"nothing answers on port {port}")


def site_env() -> dict:
    return {**os.environ, "DATABASE_URL": f"{PG}/{DB}", "GONGKAI_VAR_DIR": str(WORK / "var"),
            "GONGKAI_SECRET_KEY": "bench-" + "x" * 50, "GONGKAI_HTTPS": "0", "GONGKAI_DEBUG": "0",
            "GONGKAI_TASKS_BACKEND": "immediate", "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost", "GONGKAI_DB_CONN_MAX_AGE": "60"}


def build_site(env: dict) -> None:
    subprocess.run(["rm", "-rf", str(WORK)], check=True)
    (WORK / "var").mkdir(parents=True)
    admin = f"{PG}/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {DB}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {DB} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                                         "LC_CTYPE 'C.UTF-8' TEMPLATE template0"], check=True)
    subprocess.run([str(BIN / "gongkai"), "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([str(BIN / "gongkai"), "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)


def pages(env: dict) -> dict[str, str]:
    """Paths of the measured pages on the demo site."""
    code = ("import django; django.setup()\n"
            "from django.urls import reverse\n"
            "from gongkai.publishing.models import InformationItem\n"
            "item = InformationItem.objects.live().filter(catalog_nodes__isnull=False).order_by('-published_at').first()\n"
            "node = item.catalog_nodes.first()\n"
            "print(reverse('portal:home'), reverse('portal:org_column', args=[item.organization_id]),\n"
            "      reverse('portal:node', args=[node.organization_id, node.id]), reverse('portal:item', args=[item.id]),\n"
            "      reverse('feeds:latest_rss'))\n")
    out = subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True, capture_output=True, text=True)
    names = ["home", "column", "node list", "item", "RSS"]
    return dict(zip(names, out.stdout.split(), strict=True))


MINIMAL_APP = '''
import os
from pathlib import Path
from django.conf import settings
from django.http import HttpResponse
from django.urls import re_path

FILES = Path(os.environ["BENCH_BYTES"])
settings.configure(DEBUG=False, SECRET_KEY="x" * 50, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[])
TYPES = {"rss": "application/rss+xml; charset=utf-8"}

def page(request, name):
    body = (FILES / name).read_bytes()
    return HttpResponse(body, content_type=TYPES.get(name.rsplit(".", 1)[-1], "text/html; charset=utf-8"))

urlpatterns = [re_path(r"^b/(?P<name>[\\w.-]+)$", page)]
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
'''

STATIC_NGINX = """daemon off; worker_processes auto; pid {run}/nginx.pid; error_log stderr warn; {user}
events {{ worker_connections 1024; }}
http {{ include /etc/nginx/mime.types; access_log off; sendfile on;
  tcp_nopush on; keepalive_timeout 65; client_body_temp_path {run}/cb; proxy_temp_path {run}/p;
  fastcgi_temp_path {run}/f; uwsgi_temp_path {run}/u; scgi_temp_path {run}/s;
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ }} }} }}
"""


def wrk(url: str, seconds: int, connections: int, cookie: str = "") -> tuple[float, float]:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    if "Non-2xx" in out:
        raise SystemExit(f"{url}: errors\n{out}")
    return rate, float(p99.group(1)) * scale


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--reuse", action="store_true", help="keep the site of the last run")
    parser.add_argument("--ports", type=int, default=0,
                        help="first of four consecutive ports to use (default: any free ports)")
    args = parser.parse_args()
    env = site_env()
    if not args.reuse:
        build_site(env)
    paths = pages(env)
    started = []
    run = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        if args.ports:
            stack_port, static_port, minimal_port, direct_port = (args.ports + offset for offset in range(4))
        else:
            stack_port, static_port, minimal_port, direct_port = free_port(), free_port(), free_port(), free_port()
        # stdout is gunicorn's access log (a line per request): kept out of this script's output.
        stack = subprocess.Popen([str(ROOT / "deploy" / "run-local.sh"), str(stack_port)], env=env,
                                 stdout=subprocess.DEVNULL, start_new_session=True)
        started.append(stack)
        wait_for(stack_port)
        saved = run / "bytes"
        saved.mkdir()
        for name, path in paths.items():
            with urllib.request.urlopen(f"http://127.0.0.1:{stack_port}{path}") as response:
                body = response.read()
            (saved / (name.replace(" ", "-") + (".rss" if path.endswith(".rss") else ".html"))).write_bytes(body)
        user = "user root;" if os.geteuid() == 0 else ""
        (run / "static.conf").write_text(STATIC_NGINX.format(run=run, user=user, port=static_port, root=saved))
        started.append(subprocess.Popen(["nginx", "-p", str(run), "-c", str(run / "static.conf")],
                                        start_new_session=True))
        (run / "minimal_app.py").write_text(MINIMAL_APP)
        started.append(subprocess.Popen(
            [str(BIN / "gunicorn"), "minimal_app:application", "--chdir", str(run), "--config", str(GUNICORN_CONF),
             "--workers", "3", "--bind", f"127.0.0.1:{minimal_port}"],
            env={**os.environ, "BENCH_BYTES": str(saved)}, stdout=subprocess.DEVNULL, start_new_session=True))
        # The application under the same server as the minimal view: gunicorn with the production settings
        # (deploy/gunicorn.conf.py), 3 workers, on a TCP port, without nginx in front.
        started.append(subprocess.Popen(
            [str(BIN / "gunicorn"), "gongkai.wsgi:application", "--config", str(GUNICORN_CONF),
             "--workers", "3", "--bind", f"127.0.0.1:{direct_port}"], env=env, stdout=subprocess.DEVNULL,
            start_new_session=True))
        first = sorted(saved.iterdir())[0].name
        wait_for(static_port, "/" + first)
        wait_for(minimal_port, "/b/" + first)
        wait_for(direct_port)

        targets = {
            "stack": lambda name, path: (f"http://127.0.0.1:{stack_port}{path}", ""),
            "stack, rendered": lambda name, path: (f"http://127.0.0.1:{stack_port}{path}", "gk_display=l"),
            "nginx static": lambda name, path: (f"http://127.0.0.1:{static_port}/{_file(name, path)}", ""),
            "minimal Django": lambda name, path: (f"http://127.0.0.1:{minimal_port}/b/{_file(name, path)}", ""),
            "gunicorn, rendered": lambda name, path: (f"http://127.0.0.1:{direct_port}{path}", "gk_display=l"),
        }
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for repetition in range(args.repetitions):
            for name, path in paths.items():
                for target, make in targets.items():
                    url, cookie = make(name, path)
                    load = os.getloadavg()[0]
                    rate, p99 = wrk(url, args.seconds, args.connections, cookie)
                    results.setdefault((name, target), []).append((rate, p99))
                    print(f"rep {repetition + 1} {name:10} {target:16} {rate:10.0f} req/s  p99 {p99:8.1f} ms  "
                          f"(load {load:.2f})", flush=True)
        print()
        print("| page | stack req/s (median) | nginx static | stack / nginx static min / median / max | "
              "minimal Django | rendered, same server (gunicorn) | **rendered / minimal Django** min / median / max "
              "| rendered through nginx | through nginx / minimal Django |")
        print("|---|---|---|---|---|---|---|---|---|")

        def rates(name, target):
            return [r for r, _p in results[(name, target)]]

        def ratios(name, target, against):
            values = sorted(a / b for a, b in zip(rates(name, target), rates(name, against), strict=True))
            return f"{values[0]:.3f} / {statistics.median(values):.3f} / {values[-1]:.3f}"

        for name in paths:
            print(f"| {name} | {statistics.median(rates(name, 'stack')):,.0f} | "
                  f"{statistics.median(rates(name, 'nginx static')):,.0f} | {ratios(name, 'stack', 'nginx static')} | "
                  f"{statistics.median(rates(name, 'minimal Django')):,.0f} | "
                  f"{statistics.median(rates(name, 'gunicorn, rendered')):,.0f} | "
                  f"{ratios(name, 'gunicorn, rendered', 'minimal Django')} | "
                  f"{statistics.median(rates(name, 'stack, rendered')):,.0f} | "
                  f"{ratios(name, 'stack, rendered', 'minimal Django')} |")
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        for process in reversed(started):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        subprocess.run(["rm", "-rf", str(run)], check=False)


def _file(name: str, path: str) -> str:
    return name.replace(" ", "-") + (".rss" if path.endswith(".rss") else ".html")


if __name__ == "__main__":
    sys.exit(main())
