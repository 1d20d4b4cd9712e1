"""Limits of the 涉企政策 record's lists, in one place, and the service's check of a list."""

from django.utils.translation import gettext as _

from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused

# The record's lists (not statutory: a page an enterprise can read; longer lists belong in the
# document itself). Refused with a message by the form and by services.save_policy, never cut.
MAX_MATERIALS = 50  # 申报材料清单: entries
MAX_STEPS = 30  # 办理流程: steps
MAX_LINE_LENGTH = 500  # characters of one entry or step


def clean_lines(values, label: str, limit: int) -> list[str]:
    """The non-empty lines; too many, too long or with control characters: refused, never cut."""
    lines = [str(v).strip() for v in values or () if str(v).strip()]
    if len(lines) > limit:
        raise ActionRefused(_("“%(field)s”最多%(limit)d行（现有%(count)d行），请合并或精简。")
                            % {"field": label, "limit": limit, "count": len(lines)})
    if any(len(line) > MAX_LINE_LENGTH for line in lines):
        raise ActionRefused(_("“%(field)s”每行最多%(limit)d个字，请分行或精简。")
                            % {"field": label, "limit": MAX_LINE_LENGTH})
    if any(CONTROL_CHARS.search(line) for line in lines):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    return lines
