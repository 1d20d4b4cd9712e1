"""The home page marks a 规范性文件 beside its title as the portal's lists do (`portal/includes/validity_mark.html`):
in 「最新公开」 and in the modules (政策文件), one published but not yet in force says 「（尚未施行）」, a repealed
one 「（已废止）」. On the day the document takes effect the periodic job's announcement removes the home page's
file and the cached fragments, so the page rendered next no longer says 尚未施行."""

import datetime as dt
import re
from unittest import mock

import pytest

from gongkai.core import pagecache
from gongkai.regulations.expiry import enqueue_sweep
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import StateRun

pytestmark = pytest.mark.django_db
LATEST = 'class="latest-title"'  # 「最新公开」


def _section(html: str, heading: str) -> str:
    """The HTML from `heading` to the end of its list."""
    start = html.index(heading)
    return html[start:html.index("</ul>", start)]


def _row(html: str, title: str) -> str:
    [row] = [row for row in re.findall(r"<li>.*?</li>", html, re.S) if f">{title}</a>" in row]
    return row


def test_the_home_page_marks_a_document_not_yet_in_force(client, ahead, in_force, ended):
    html = client.get("/").content.decode()
    latest = _section(html, LATEST)
    assert "（尚未施行）" in _row(latest, "沂源县农村公路养护办法")
    assert "（已废止）" in _row(latest, "沂源县城区养犬管理办法")
    assert "item-validity" not in _row(latest, "沂源县城市道路养护管理办法")
    policies = _section(html, ">政策文件</h2>")
    assert "（尚未施行）" in _row(policies, "沂源县农村公路养护办法")
    english = client.get("/en/").content.decode()
    assert "(Not yet in force)" in _row(_section(english, LATEST), "沂源县农村公路养护办法")


def test_the_stored_home_page_drops_the_mark_on_the_day_the_periodic_job_runs(
        client, org, editor, reviewer, today, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    yesterday = today - dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=yesterday):
        with django_capture_on_commit_callbacks(execute=True):
            normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                               promulgated_on=str(today - dt.timedelta(days=20)), effective_from=str(today),
                               expires_on=str(today + dt.timedelta(days=900)))
        StateRun.objects.create(day=yesterday)  # yesterday's run of the periodic job
        assert client.get("/").status_code == 200  # stored, as it was yesterday
    stored = pagecache.file_for("testserver", "/")
    assert "（尚未施行）" in _row(_section(stored.read_text(), LATEST), "沂源县农村公路养护办法")

    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_sweep(today) == 1  # today's run: the document took effect
    assert not stored.exists()
    html = client.get("/").content.decode()  # the same process: its cached fragments must not answer
    assert "item-validity" not in _row(_section(html, LATEST), "沂源县农村公路养护办法")
    assert "尚未施行" not in stored.read_text()
