"""Accessibility checks with axe-core (from npm: node_modules/axe-core, installed by `make install`)."""

import json
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one h1, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")


def run_axe(page, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """The violations of the page as it is now whose impact is in `impacts`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [violation for violation in results["violations"] if violation["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """A readable report for an assertion message: rule id, impact, help, and the failing elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: {summary}")
    return "\n".join(lines)
