"""One line of the document JSONL (/work/shared/spec/document-import.md, copied in docs/interchange.md):
parsing and validation, independent of the database.

`parse_line` returns a DocumentRecord or raises LineError with a reason in Chinese. Unknown keys are
ignored (old sites export more than we keep).

Control characters (NUL, bell, escape …; core.forms.CONTROL_CHARS) are refused in every text field, naming the
field: they would be published as they are, and XML 1.0 (feeds, DOCX, XLSX) cannot hold them. In the body
they are dropped instead (HTML ignores them), a vertical tab or form feed (Word's manual line and page breaks)
becoming a line break. Bidi embedding, override and isolate characters (core.forms.BIDI_CONTROLS) are refused in
the single-line fields, the lists and attachment names, as in every form and the spreadsheet imports; the 内容概述 and
the body may hold right-to-left text with them.
"""

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.utils import timezone

from gongkai.core.forms import CONTROL_CHARS, has_bidi_controls
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.publishing.choices import DocType, Topic, Validity
from gongkai.publishing.dates import formed_on_problem

MAX_TITLE = 300
MAX_INDEX_NO = 40
MAX_DOC_NUMBER = 100
MAX_KEYWORDS = 200
MAX_SOURCE_URL = 500
MAX_ATTACHMENTS = 50
MAX_SUMMARY = 5000

TOPIC_BY_LABEL = {str(label): value for value, label in Topic.choices}
VALIDITY_BY_LABEL = {str(label): value for value, label in Validity.choices}
DOC_TYPE_BY_LABEL = {str(label): value for value, label in DocType.choices} | {v: v for v in DocType.values}


KEEP_LINES = ("body_html", "summary")  # text whose line breaks are kept


class LineError(ValueError):
    """A line that cannot be imported; the message is the reason shown to the operator."""


def without_control_characters(text: str) -> str:
    """A body's text with its control characters dropped; Word's vertical tab and form feed become line breaks."""
    return CONTROL_CHARS.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def _refuse_control_characters(value: str, key: str, label: str, bidi: bool = False) -> None:
    if CONTROL_CHARS.search(value):
        raise LineError(f"字段 {key}（{label}）含控制字符（如 NUL、响铃、转义符），请删去后再导入")
    if bidi and has_bidi_controls(value):
        # As every form and the spreadsheet imports (core.sheets): a title like 「通知\u202e…」 would be published
        # reordered in every list, and could not be saved again in its own form.
        raise LineError(f"字段 {key}（{label}）含看不见的文字方向控制字符（U+202A–U+202E、U+2066–U+2069），请删去后再导入")


@dataclass
class DocumentRecord:
    title: str
    organization: str
    body_html: str
    published_at: dt.datetime
    index_no: str = ""
    doc_number: str = ""
    written_on: dt.date | None = None
    catalog: list[str] = field(default_factory=list)
    topic: str = ""
    keywords: list[str] = field(default_factory=list)
    validity: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (name, relative path)
    source_url: str = ""
    # Extensions beyond the contract (docs/interchange.md), written by export_documents; absent: kept as is.
    doc_type: str = ""
    summary: str = ""
    formed_on: dt.date | None = None

    def item_data(self) -> dict:
        """Fields for publishing.services.record_migrated_item / update_migrated_item."""
        data = {
            "title": self.title, "body": self.body_html, "doc_number": self.doc_number,
            "written_on": self.written_on, "keywords": " ".join(self.keywords), "validity": self.validity,
            "formed_on": self.formed_on or self.written_on or timezone.localtime(self.published_at).date(),
        }
        if self.topic:
            data["topic"] = self.topic
        if self.doc_type:
            data["doc_type"] = self.doc_type
        if self.summary:
            data["summary"] = self.summary
        return data


def _text(raw: dict, key: str, label: str, limit: int, required: bool = False) -> str:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise LineError(f"字段 {key}（{label}）应为字符串")
    value = (" ".join(value.split()) if key not in KEEP_LINES else value.strip()) if value else ""
    if not value:  # checked after collapsing: "   " is as missing as ""
        if required:
            raise LineError(f"缺少必填字段 {key}（{label}）")
        return ""
    if len(value) > limit:
        raise LineError(f"字段 {key}（{label}）超过 {limit} 个字符")
    if key != "body_html":
        _refuse_control_characters(value, key, label, bidi=key not in KEEP_LINES)
    return value


def _published_at(value) -> dt.datetime:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise LineError("缺少必填字段 published_at（发布日期）")
    if not isinstance(value, str):
        raise LineError(f"published_at（发布日期）应为字符串，如 \"2020-08-10\"，而不是 {json.dumps(value)[:40]}")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise LineError(f"published_at（发布日期）无法识别：{value[:40]!r}，应为 2020-08-10 或 2020-08-10T09:30:00+08:00") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())  # Asia/Shanghai
    try:
        timezone.localtime(moment)
    except OverflowError:
        raise LineError(f"published_at（发布日期）超出可处理的范围：{value[:40]!r}") from None
    return moment


def _date(value, key: str, label: str) -> dt.date | None:
    """A date `YYYY-MM-DD` (or an ISO datetime, whose date in Asia/Shanghai counts); the whole text must parse."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LineError(f"{key}（{label}）应为字符串，如 \"2020-08-10\"，而不是 {json.dumps(value)[:40]}")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise LineError(f"{key}（{label}）无法识别：{value[:40]!r}，应为 2020-08-10") from None
    try:
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    except OverflowError:
        raise LineError(f"{key}（{label}）超出可处理的范围：{value[:40]!r}") from None


def _string_list(value, key: str, label: str) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError(f"字段 {key}（{label}）应为字符串列表")
    for text in value:
        _refuse_control_characters(text, key, label, bidi=True)
    return [v.strip() for v in value if v.strip()]


def _attachments(value) -> list[tuple[str, str]]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or len(value) > MAX_ATTACHMENTS:
        raise LineError(f"attachments（附件）应为列表，至多 {MAX_ATTACHMENTS} 个")
    found = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or not entry["path"].strip():
            raise LineError('attachments（附件）的每一项应为 {"name": …, "path": …}')
        path = entry["path"].strip().replace("\\", "/")
        parts = PurePosixPath(path).parts
        if PurePosixPath(path).is_absolute() or ".." in parts or ":" in path:
            raise LineError(f"附件路径必须是相对于 JSONL 文件所在目录的路径：{path[:80]!r}")
        name = entry.get("name") if isinstance(entry.get("name"), str) and entry["name"].strip() else parts[-1]
        if CONTROL_CHARS.search(name) or CONTROL_CHARS.search(path):
            raise LineError(f"attachments（附件）的名称含控制字符：{path[:80]!r}")
        if has_bidi_controls(name):  # 「通知\u202efdp.exe」 would read as another file type
            raise LineError(f"attachments（附件）的名称含看不见的文字方向控制字符：{path[:80]!r}")
        found.append((PurePosixPath(name.strip().replace("\\", "/")).name, path))
    return found


def parse_line(line: str) -> DocumentRecord:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）") from None
    if not isinstance(raw, dict):
        raise LineError("每行应为一个 JSON 对象")
    body_html = sanitize_html(without_control_characters(_text(raw, "body_html", "正文", 5_000_000))).strip()
    if not html_to_text(body_html):  # blank, or nothing left once scripts and the like are removed
        body_text = raw.get("body_text")
        if not isinstance(body_text, str) or not body_text.strip():
            given = raw.get("body_html")
            if isinstance(given, str) and given.strip():
                raise LineError("body_html（正文）清理后没有文字（只有空白、脚本等被移除的内容），且没有 body_text")
            raise LineError("缺少正文：body_html 或 body_text 必须有一个")
        body_html = "".join(f"<p>{html.escape(p.strip())}</p>"
                            for p in without_control_characters(body_text).splitlines() if p.strip())
    topic = _text(raw, "topic", "主题分类", 50)
    if topic:
        topic = topic if topic in Topic.values else TOPIC_BY_LABEL.get(topic, "")
        if not topic:
            raise LineError(f"topic（主题分类）无法识别：{raw['topic'][:30]!r}")
    validity = _text(raw, "validity", "有效性", 20)
    if validity:
        validity = validity if validity in Validity.values else VALIDITY_BY_LABEL.get(validity, "")
        if not validity:
            raise LineError(f"validity（有效性）应为 有效、已修改、已废止 或 已失效，而不是 {raw['validity'][:20]!r}")
    keywords = _string_list(raw.get("keywords"), "keywords", "主题词")
    if len(" ".join(keywords)) > MAX_KEYWORDS:
        raise LineError(f"keywords（主题词）合计超过 {MAX_KEYWORDS} 个字符")
    source_url = _text(raw, "source_url", "原网址", MAX_SOURCE_URL)
    if source_url and not source_url.startswith(("http://", "https://")):
        raise LineError("source_url（原网址）应以 http:// 或 https:// 开头")
    published_at = _published_at(raw.get("published_at"))
    written_on = _date(raw.get("written_on"), "written_on", "成文日期")
    published_on = timezone.localtime(published_at).date()
    if written_on and written_on > published_on:
        raise LineError(f"written_on（成文日期）{written_on.isoformat()} 晚于 published_at（发布日期）"
                        f"{published_on.isoformat()}，请核对")
    formed_on = _date(raw.get("formed_on"), "formed_on", "形成或变更日期")
    # The 成文日期 or 发布日期 is checked whether or not a 形成或变更日期 is given (without one, the item's is
    # taken from them: DocumentRecord.item_data); a given formed_on is checked as well.
    problem = formed_on_problem(written_on or published_on,
                                "written_on（成文日期）" if written_on else "published_at（发布日期）")
    if not problem and written_on:  # a 发布日期 to come would make the document a scheduled one, hidden until then
        problem = formed_on_problem(published_on, "published_at（发布日期）")
    if not problem and formed_on:
        problem = formed_on_problem(formed_on, "formed_on（形成或变更日期）")
    if problem:
        raise LineError(problem)
    doc_type = _text(raw, "doc_type", "文种", 20)
    if doc_type and doc_type not in DOC_TYPE_BY_LABEL:
        raise LineError(f"doc_type（文种）无法识别：{doc_type[:20]!r}，应为 {'、'.join(DocType.values)} 之一")
    return DocumentRecord(
        title=_text(raw, "title", "名称", MAX_TITLE, required=True),
        organization=_text(raw, "organization", "发布机构", 100, required=True),
        body_html=body_html,
        published_at=published_at,
        index_no=_text(raw, "index_no", "索引号", MAX_INDEX_NO),
        doc_number=_text(raw, "doc_number", "发文字号", MAX_DOC_NUMBER),
        written_on=written_on,
        catalog=_string_list(raw.get("catalog"), "catalog", "目录"),
        topic=topic,
        keywords=keywords,
        validity=validity,
        attachments=_attachments(raw.get("attachments")),
        source_url=source_url,
        doc_type=DOC_TYPE_BY_LABEL.get(doc_type, ""),
        summary=_text(raw, "summary", "内容概述", MAX_SUMMARY),
        formed_on=formed_on,
    )
