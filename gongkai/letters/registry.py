"""Built-in letter templates. Apps register theirs at start-up; a unit's edited copy overrides one.

A template's body is plain text, one paragraph per line. `{名称}` placeholders are replaced when the
letter is issued; a line that is exactly `{表格}` marks where the letter's table goes (at the end when
absent); a line starting with `#` is a heading (一级标题, 黑体), `##` a 二级标题 (楷体).
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
    """Replace the known placeholders; anything else in braces stays as written.

    Each value is joined to the stock text around it (`letters.text.join_value`): a clause that
    repeats the stock text is dropped, and no punctuation mark is doubled where the two meet; the
    finished text is tidied (`letters.text.tidy`)."""
    from gongkai.letters.text import join_value, tidy

    text = text or ""
    parts = PLACEHOLDER.split(text)  # [stock, name, stock, name, …, stock]
    if len(parts) == 1:
        return text
    stock = "".join(parts[0::2])
    out = [parts[0]]
    for index in range(1, len(parts), 2):
        name, after = parts[index], parts[index + 1]
        if name in values:
            out.append(join_value(values[name], stock, after))
        else:
            out.append("{" + name + "}")
        out.append(after)
    return tidy("".join(out))
