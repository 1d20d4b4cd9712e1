"""发文字号 of a 规范性文件: its shape (代字〔年份〕序号号) and its uniqueness within the publishing unit.
Brackets are compared as search compares them: 源政办发[2020]5号, (2020) and ［2020］ are the same 文号."""

import re

from django.utils.translation import gettext as _

from gongkai.core.services import ActionRefused
from gongkai.letters.services import check_prefix
from gongkai.publishing.choices import State
from gongkai.search.text import doc_number_key

_SHAPE = re.compile(r"^(?P<prefix>[^〔〕]+)〔(?P<year>\d{4})〕(?P<serial>\d{1,6})号$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def check_doc_number(value: str) -> str:
    """The 文号 as typed (stripped), or ActionRefused when it is not 代字〔年份〕序号号 with a Chinese 代字."""
    value = (value or "").strip()
    match = _SHAPE.match(doc_number_key(value))
    refused = _("发文字号格式不正确，应为“代字〔年份〕序号号”，例如：源政办发〔2020〕5号。")
    if match is None or not _CJK.search(match["prefix"]) or any(ch in match["prefix"] for ch in "<>&\"'"):
        raise ActionRefused(refused)
    try:
        check_prefix(match["prefix"])
    except ActionRefused as exc:
        raise ActionRefused(refused) from exc
    return value


def check_unique(item) -> None:
    """No two 规范性文件 of one unit share a 文号 (after bracket normalisation); deleted items do not count."""
    from gongkai.regulations.models import NormativeDocument

    key = doc_number_key(item.doc_number)
    others = (NormativeDocument.objects.filter(item__organization_id=item.organization_id)
              .exclude(item=item).exclude(item__state=State.DELETED)
              .select_related("item"))
    for other in others:
        if doc_number_key(other.item.doc_number) == key:
            raise ActionRefused(_("本单位已登记发文字号为“%(number)s”的规范性文件《%(title)s》，请核对文号。")
                                % {"number": other.item.doc_number, "title": other.item.title}, field="doc_number")
