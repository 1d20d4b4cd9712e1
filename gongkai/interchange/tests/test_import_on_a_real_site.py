"""The default deployment end to end: a file SQLite site (not the suite's in-memory database), where
`import_documents` forks its search indexer. Runs a fresh site in a child Python process."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from django.core.management import call_command
    from io import StringIO
    from gongkai.catalog.services import ensure_catalog
    from gongkai.organizations.factories import credit_code_for
    from gongkai.organizations.models import Organization
    from gongkai.search import services
    from gongkai.search.query import SearchQuery

    call_command("migrate", verbosity=0)
    org = Organization.objects.create(kind="government", name="沂源县人民政府", credit_code=credit_code_for(1))
    ensure_catalog(org)
    path = sys.argv[1]
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(30):
            handle.write(json.dumps({
                "title": f"关于第{number}批政务公开事项的通知", "organization": org.credit_code,
                "body_html": f"<p>第{number}批：依申请公开办理情况。</p>", "published_at": "2020-08-12",
                "catalog": ["法定主动公开内容/规划信息"], "source_url": f"http://old.example/{number}.html",
            }, ensure_ascii=False) + "\\n")
    services.BACKGROUND_BATCH = 7  # several batches through the second process
    out = StringIO()
    call_command("import_documents", path, "--no-progress", stdout=out)
    found = services.search(SearchQuery(q="依申请公开", page_size=100))
    print(json.dumps({"summary": out.getvalue(), "count": found.count, "hits": len(found.hits)}))
""")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the default (SQLite) deployment; PostgreSQL runs "
                                                         "the in-process tests of test_pipeline.py")
def test_import_on_a_file_sqlite_site_indexes_in_a_second_process(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_VAR_DIR=str(tmp_path / "var"),
               GONGKAI_SECRET_KEY="test-" + "x" * 50, GONGKAI_HTTPS="0", GONGKAI_DEBUG="0",
               GONGKAI_TASKS_BACKEND="immediate", GONGKAI_SEARCH_BACKEND="embedded")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "docs.jsonl")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "新建 30" in result["summary"] and "后台进程编入 30 条" in result["summary"]
    assert result["count"] == result["hits"] == 30
