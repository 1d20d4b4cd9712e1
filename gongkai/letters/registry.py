"""Built-in letter templates. Apps register theirs at start-up; a unit's edited copy overrides one.

A template's body is plain text, one paragraph per line. `{名称}` placeholders are replaced when the
letter is issued; a line that is exactly `{表格}` marks where the letter's table goes (at the end when
absent); a line starting with `#` is a heading (一级标题).
"""

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")
TABLE_MARK = "{表格}"


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    label: str  # what the kind is called in the template editor
    title: str
    body: str
    prefix_suffix: str  # the 代字's last character for this kind, e.g. 复 (答复), 补 (补正)
    placeholders: tuple[str, ...]  # the names a unit may use in its wording
    group: str = ""


_REGISTRY: dict[str, TemplateSpec] = {}


def register(spec: TemplateSpec) -> None:
    unknown = placeholders_in(spec.body) - set(spec.placeholders) - {"表格"}
    if unknown:
        raise ValueError(f"template {spec.key} uses undeclared placeholders {sorted(unknown)}")
    _REGISTRY[spec.key] = spec


def get(key: str) -> TemplateSpec:
    return _REGISTRY[key]


def specs(group: str | None = None) -> list[TemplateSpec]:
    return [s for s in _REGISTRY.values() if group is None or s.group == group]


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the known placeholders; anything else in braces stays as written."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text or "")
