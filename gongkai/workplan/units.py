"""Reading a 责任单位 cell: which organizations it names, which lead (牵头), what is only a note.

"县文化和旅游局, 县委宣传部等有关部门、有关单位, 各镇（街道）" names 县文化和旅游局 (牵头), 县委宣传部 and the
twelve townships (配合), and keeps "有关部门、有关单位" as a note. The rules:

- Names are matched longest first against the organizations' names and short names and the known
  spellings (ALIASES: e.g. 县发展改革委 → 沂源县发展和改革局); group phrases (各镇（街道）) expand to every
  township of the county; phrases that name no unit (县政府有关部门, 有关单位, 《…》所列…机关) become the note;
  labels ("县总体预案：") and joining words (和、等、及) are skipped; anything else is reported as unmatched
  and never invented.
- The first unit or group named leads (none when that first name is unknown) (the seed's note: 黑体字部门为牵头部门, lost in the text, and the
  county writes the lead first), unless the text says otherwise: "A（牵头）", "A牵头", or
  "牵头单位：A…；配合单位：B…" mark the leads explicitly.
- Except 「各镇（街道）和县X局、县Y局」 (the townships, and any other local unit, *和* county units): the
  townships carry the work out locally and the county department leads it, so the first unit named after
  和 leads and the townships support. When only notes follow 和 (各镇（街道）和县政府有关部门、单位) the
  townships lead.
- A cell that assigns units per category (the 应急预案 row: "各镇（街道）应急预案：各镇（街道） 县总体预案：县应急局
  县自然灾害类专项预案：县应急局、…") is split by `categories`; the import makes each category a requirement
  of its own under the row's requirement, with the units written after its label.
"""

import re
from dataclasses import dataclass, field

GROUP_PHRASES = ("各镇（街道）", "各乡镇（街道）", "各镇、街道", "各镇街道", "各镇", "各乡镇", "各街道")
NOTE_PHRASES = (
    "县政府有关部门", "县政府各部门", "县直有关部门", "有关部门", "有关单位", "各有关单位", "舆情涉及部门",
    "涉及部门", "单位", "（涉密信息除外）",
)
# 《…》所列…机关 and similar references to a list kept elsewhere.
NOTE_PATTERN = re.compile(r"《[^》]{1,80}》[^，,、；;和及]{0,40}")
LABEL = re.compile(r"[^，,、；;：:\s]{1,20}[：:]")
SEPARATORS = set("，,、；;：: \u3000（）和等及")
LEAD_MARKERS = ("（牵头）", "牵头")
LEAD_SECTION = re.compile(r"牵头单位[：:](?P<lead>[^；;]*)(?:[；;]?\s*配合单位[：:](?P<support>.*))?")
JOIN = "和"  # 「各镇（街道）和县X局」: what follows 和 leads (see the module docstring)
CATEGORY_LABEL = re.compile(r"(?P<label>[^，,、；;：:\s]{1,30})[：:]")


def normalize(text: str) -> str:
    return (text or "").replace("(", "（").replace(")", "）").strip()


@dataclass
class Resolution:
    leads: list = field(default_factory=list)  # Organization objects, in the order named
    supports: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        return "、".join(self.notes)


class UnitMatcher:
    """Matches 责任单位 text against a fixed set of organizations (those of the plan's county)."""

    def __init__(self, organizations, townships, aliases: dict[str, str] | None = None):
        by_name = {}
        for org in organizations:
            by_name[org.name] = org
        keys: dict[str, object] = {}
        for org in organizations:
            for spelling in (org.name, org.short_name):
                if spelling:
                    keys.setdefault(normalize(spelling), org)
        for spelling, official in (aliases or {}).items():
            if official in by_name:
                keys.setdefault(normalize(spelling), by_name[official])
        self.townships = list(townships)
        for phrase in GROUP_PHRASES:
            keys[phrase] = "group"
        for phrase in NOTE_PHRASES:
            keys.setdefault(phrase, "note")
        self.keys = keys
        self.ordered = sorted(keys, key=len, reverse=True)

    def scan(self, text: str) -> list[tuple[str, object]]:
        """The cell as a sequence of ("unit", org) / ("group", [orgs]) / ("note", text) /
        ("unmatched", text) / ("lead_marker", "") tokens."""
        text = normalize(text)
        tokens: list[tuple[str, object]] = []
        buffer: list[str] = []

        def flush():
            word = "".join(buffer).strip()
            buffer.clear()
            if word:
                tokens.append(("unmatched", word))

        i = 0
        while i < len(text):
            note = NOTE_PATTERN.match(text, i)
            if note:
                flush()
                tokens.append(("note", note.group(0)))
                i = note.end()
                continue
            marker = next((m for m in LEAD_MARKERS if text.startswith(m, i)), None)
            if marker:
                flush()
                tokens.append(("lead_marker", ""))
                i += len(marker)
                continue
            key = next((k for k in self.ordered if text.startswith(k, i)), None)
            if key is not None and not buffer:
                value = self.keys[key]
                if value == "group":
                    tokens.append(("group", self.townships))
                elif value == "note":
                    tokens.append(("note", key))
                else:
                    tokens.append(("unit", value))
                i += len(key)
                continue
            label = LABEL.match(text, i)
            if label and not buffer:
                i = label.end()  # "县总体预案：" introduces the units after it
                continue
            if text[i] in SEPARATORS:
                flush()
                if text[i] == JOIN:
                    tokens.append(("join", JOIN))
            else:
                buffer.append(text[i])
            i += 1
        flush()
        return tokens

    def resolve(self, text: str) -> Resolution:
        section = LEAD_SECTION.search(normalize(text))
        if section:
            leads = self._orgs(self.scan(section.group("lead")))
            supports = self._orgs(self.scan(section.group("support") or ""))
            tokens = self.scan(section.group("lead")) + self.scan(section.group("support") or "")
            return self._result(leads, supports, tokens)
        tokens = self.scan(text)
        marked: list = []
        for index, (kind, _value) in enumerate(tokens):
            if kind == "lead_marker" and index and tokens[index - 1][0] in ("unit", "group"):
                marked.extend(self._orgs([tokens[index - 1]]))
        everyone = self._orgs(tokens)
        first = next((t for t in tokens if t[0] in ("unit", "group", "unmatched")), None)
        if marked:
            leads = marked
        elif first and first[0] == "group" and (department := self._first_unit_after_join(tokens)):
            leads = [department]  # 各镇（街道）和县X局: the department leads, the townships support
        else:
            # The first name leads; when the platform does not know it, no lead is assumed.
            leads = self._orgs([first]) if first and first[0] != "unmatched" else []
        supports = [org for org in everyone if org not in leads]
        return self._result(leads, supports, tokens)

    @staticmethod
    def _first_unit_after_join(tokens):
        joined = False
        for kind, value in tokens:
            joined = joined or kind == "join"
            if joined and kind == "unit":
                return value
        return None

    def categories(self, text: str) -> list[tuple[str, str]]:
        """The (category, its units as written) pairs of a cell that assigns units per category, in order:
        "县总体预案：县应急局 县自然灾害类专项预案：县应急局、县综合行政执法局" → [("县总体预案", "县应急局"),
        ("县自然灾害类专项预案", "县应急局、县综合行政执法局")]. [] for any other cell: fewer than two labels,
        units before the first label, a label with no unit after it, or 牵头单位：…；配合单位：….

        A label runs back from its colon to the previous separator; a unit name glued to the front of a
        later label ("县应急局县事故灾害类专项预案：") belongs to the category before it."""
        text = normalize(text)
        if LEAD_SECTION.search(text):
            return []
        found = list(CATEGORY_LABEL.finditer(text))
        if len(found) < 2 or text[:found[0].start()].strip(" \u3000，,、；;"):
            return []
        spans = []  # (label, start of the label, end of the label)
        for index, match in enumerate(found):
            label, start = match.group("label"), match.start()
            while index and (key := next((k for k in self.ordered if label.startswith(k) and label != k), None)):
                label, start = label[len(key):], start + len(key)
            spans.append((label, start, match.end()))
        result = []
        for (label, _start, end), following in zip(spans, spans[1:] + [None], strict=True):
            units = text[end:following[1] if following else len(text)].strip(" \u3000，,、；;")
            if not label or not any(kind in ("unit", "group") for kind, _v in self.scan(units)):
                return []
            result.append((label, units))
        return result

    @staticmethod
    def _orgs(tokens) -> list:
        found = []
        for kind, value in tokens:
            members = [value] if kind == "unit" else value if kind == "group" else []
            for org in members:
                if org not in found:
                    found.append(org)
        return found

    @staticmethod
    def _result(leads, supports, tokens) -> Resolution:
        result = Resolution(leads=list(leads), supports=[o for o in supports if o not in leads])
        for kind, value in tokens:
            if kind == "note" and value not in result.notes:
                result.notes.append(value)
            elif kind == "unmatched" and value not in result.unmatched:
                result.unmatched.append(value)
        return result
