"""The verbs of 留言办理 (docs/mailbox.md): submit (online), register (phone, letter, visit), accept,
route (交办), transfer (转办, with reason), decline (fixed reasons), reply (or submit the reply for
approval where the county wants two steps), approve / return, publish / unpublish, rate (by the writer,
with the query code), and 常见问题 entries. Each staff verb checks the permission, changes the data in one
transaction, writes a MessageEvent and the audit log, and refreshes the public pages on commit.

The verbs live in one module per concern; this package exports them, so callers keep writing
`from gongkai.mailbox import services` and `services.reply(...)`:

- common.py: the query code, county_root, due_on, who may do what (may_handle, may_move, may_approve, ...) and the helpers every verb uses;
- intake.py: submit_online, register;
- handling.py: accept, route, transfer, decline, reply, approve, return_draft, set_published, rate;
- faq.py: save_faq, delete_faq, update_policy;
- writer.py: telling the writer (WRITER_SUBJECT, writer_address).
"""

from gongkai.mailbox.services.common import (
    AUDITED,
    PUBLIC_PREFIXES,
    QUERY_CODE_ALPHABET,
    QUERY_PURPOSE,
    Submitted,
    approval_refusal,
    county_root,
    drafted_by,
    due_on,
    find_for_writer,
    has_reviewer,
    holds,
    may_approve,
    may_dispatch,
    may_handle,
    may_move,
    may_return,
    may_see_personal,
    may_unpublish,
    personal_organization_ids,
    query_code_digest,
    refresh_public_pages,
    supervisor_approves,
)
from gongkai.mailbox.services.faq import delete_faq, save_faq, update_policy
from gongkai.mailbox.services.handling import (
    accept,
    approve,
    decline,
    rate,
    reply,
    return_draft,
    route,
    set_published,
    transfer,
)
from gongkai.mailbox.services.intake import register, submit_online
from gongkai.mailbox.services.writer import WRITER_SUBJECT, writer_address

__all__ = [
    "AUDITED", "PUBLIC_PREFIXES", "QUERY_CODE_ALPHABET", "QUERY_PURPOSE", "WRITER_SUBJECT", "Submitted", "accept",
    "approval_refusal", "approve", "county_root", "decline", "drafted_by", "has_reviewer", "delete_faq", "due_on", "find_for_writer", "holds", "may_approve",
    "may_dispatch", "may_handle", "may_move", "may_return", "may_see_personal", "may_unpublish",
    "personal_organization_ids", "query_code_digest", "rate", "refresh_public_pages", "register",
    "reply", "return_draft", "route", "save_faq", "set_published", "submit_online", "supervisor_approves",
    "transfer", "update_policy",
    "writer_address",
]
