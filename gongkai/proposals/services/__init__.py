"""建议提案办理 services: the register (by hand or imported from the congress's list), the 主办 unit's 答复,
the publication of the 复文, and the yearly 办理总体情况 (generated, edited by the unit, published).

Permissions (accounts.permissions): the county office (`proposal.register`, 政务公开办 on the county
government) keeps the register and the county summary; the 主办 unit answers (`proposal.reply`) and its
审核员 or 单位管理员 publishes (`proposal.publish`). Every change is audited.

The verbs live in one module per group; this package exports them, so callers keep writing
`from gongkai.proposals import services` and `services.register(...)`:

- common.py: permission checks, the checked values of a row, its audit snapshot, page purges;
- handling.py: the register by hand and the 答复 (register, update_register, reply, publish_reply,
  withhold_reply);
- importing.py: the congress's 交办 list (import_register);
- summaries.py: the figures and the 办理总体情况 (figures, generate_summary, edit_summary, publish_summary);
- reading.py: visible_proposals, public_replies, years, search_replies.
"""

from gongkai.proposals.services.common import is_keeper
from gongkai.proposals.services.handling import (
    publish_reply,
    register,
    reply,
    update_register,
    withhold_reply,
)
from gongkai.proposals.services.importing import (
    COLUMNS,
    KIND_WORDS,
    MAX_IMPORT_ROWS,
    REQUIRED_COLUMNS,
    ImportResult,
    import_register,
    read_rows,
)
from gongkai.proposals.services.reading import (
    SearchableReply,
    public_html,
    public_replies,
    public_text,
    search_replies,
    visible_proposals,
    years,
)
from gongkai.proposals.services.summaries import (
    KEEP_TEXT,
    REPLACE_TEXT,
    SummaryEdited,
    can_edit_summary,
    can_publish_summary,
    edit_summary,
    figures,
    generate_summary,
    percent,
    publish_summary,
    summary_text,
    text_version,
)

__all__ = [
    "COLUMNS", "KIND_WORDS", "MAX_IMPORT_ROWS", "REQUIRED_COLUMNS", "ImportResult", "SearchableReply",
    "KEEP_TEXT", "REPLACE_TEXT", "SummaryEdited",
    "can_edit_summary", "can_publish_summary", "edit_summary", "figures", "generate_summary", "import_register",
    "is_keeper", "percent", "public_html", "public_replies", "public_text", "publish_reply", "publish_summary", "read_rows", "register", "reply",
    "search_replies", "summary_text", "text_version", "update_register", "visible_proposals", "withhold_reply", "years",
]
