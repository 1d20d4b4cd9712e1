"""What anyone may type or put in a link: every backend answers it (or finds nothing), never raises.

Runs for the embedded backend everywhere and for the PostgreSQL backend on PostgreSQL."""

import pytest

from gongkai.search import text
from gongkai.search.query import SearchQuery
from gongkai.search.tests.conftest import make_doc

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00", "政务\x00公开", "%", "_", "%_%", "\\", "\\%", "'", "\"", "''; DROP TABLE x; --", "a'b", "[", "(", "*", "?",
    "政" * 200, "公开 " * 100, "𠀀𠀁", "😀政务", "e\u0301", "\u202e政务", "\ufeff", "\u2063\u2063\u2063", "\u2063公开",
    "ＡＢＣ", "ß", "İ", "\U000e0001", "\U0001d173公开", "～", "〔2020〕", "源政办字[2020]66号", "11370323/2020-00001",
    "\ud800", "公\udfff开", "NEAR(a b)", "a -b", "AND OR NOT",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_any_typed_query_is_answered(backend, q):
    backend.index([make_doc(1, "关于政务公开的通知", "政务公开工作要点 50% 的_下划线 \\ 反斜杠", doc_number="源政办字〔2020〕66号"),
                   make_doc(2, "另一条", "内容 ABC ß 😀")])
    page = backend.search(SearchQuery(q=q, page_size=10))
    assert page.count >= 0 and len(page.ids) <= 10
    for term in text.query_terms(q):
        assert "\x00" not in term


@pytest.mark.parametrize("q", ["%", "_", "\\"])
def test_like_wildcards_are_plain_characters(backend, q):
    backend.index([make_doc(1, "五十", f"百分之五十{q}"), make_doc(2, "其他", "没有特殊字符")])
    assert backend.search(SearchQuery(q=q, page_size=10)).ids == [1]
