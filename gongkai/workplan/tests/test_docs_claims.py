"""docs/workplan.md names what the app does: every `deadlines.<function>` it names as doing the work
exists and is called by the app (not only by tests). event_due_on was named as counting working-day
事后限期 while nothing called it."""

import re
from pathlib import Path

from gongkai.workplan import deadlines

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "gongkai"


def _named_in_docs() -> set[str]:
    return set(re.findall(r"`deadlines\.([a-z_]+)`", (ROOT / "docs" / "workplan.md").read_text())) - {"py"}


def _called_by_the_app(name: str) -> bool:
    for path in APP.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        if path.name == "deadlines.py" and path.parent.name == "workplan":
            text = re.sub(rf"def {name}\(", "", text)
        if re.search(rf"\b{name}\(", text):
            return True
    return False


def test_the_deadline_functions_the_docs_name_are_used():
    for name in _named_in_docs():
        assert hasattr(deadlines, name), name
        assert _called_by_the_app(name), f"docs/workplan.md names deadlines.{name}, which nothing calls"


def test_the_docs_do_not_claim_event_deadlines_are_counted():
    docs = (ROOT / "docs" / "workplan.md").read_text()
    assert "No due date is computed for an 事后限期" in docs
