import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.search.backends import embedded, postgres
from gongkai.search.documents import IndexDocument

CORPUS = Path(__file__).parent / "data" / "corpus.txt"


def corpus_sentences() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture
def sentences():
    return corpus_sentences()


def make_doc(doc_id, title, body="", days_ago=0, **fields) -> IndexDocument:
    values = {
        "extra": "", "organization_id": 1, "node_ids": [], "topic": "01", "doc_type": "通知", "validity": "",
        "doc_number": "", "index_no": "",
        "published_at": timezone.now() - dt.timedelta(days=days_ago, seconds=doc_id),
    }
    values.update(fields)
    return IndexDocument(id=doc_id, title=title, body=body, **values)


@pytest.fixture
def fast_tmp_dir(tmp_path):
    """A directory on tmpfs when there is one: index commits fsync, which is slow on a real disk."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path / "index"
        return
    path = Path(tempfile.mkdtemp(dir=shm, prefix="gongkai-search-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def fast_index(settings, fast_tmp_dir):
    """The configured (embedded) index lives on tmpfs for these tests."""
    settings.GONGKAI_SEARCH_INDEX_DIR = fast_tmp_dir


@pytest.fixture(params=["embedded", "postgres"])
def backend(request, fast_tmp_dir):
    if request.param == "embedded":
        return embedded.EmbeddedBackend(path=str(fast_tmp_dir))
    if connection.vendor != "postgresql":
        pytest.skip("the postgres backend needs DATABASE_URL on PostgreSQL (CI runs it there)")
    request.getfixturevalue("db")
    return postgres.PostgresBackend()


@pytest.fixture
def publish_now(org, editor, reviewer, django_capture_on_commit_callbacks):
    """Publish an item through the real workflow and run what happens on commit (indexing)."""
    from gongkai.publishing.factories import published_item

    def publish(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return published_item(org, editor, reviewer, **fields)

    return publish
