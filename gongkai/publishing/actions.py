"""What a user may do with an item right now: the buttons the staff pages show.

Mirrors the checks of `services` (which stay the authority: a button shown here may still be refused
there, e.g. after a concurrent change, and the refusal is shown as a message).
"""

from gongkai.accounts.permissions import has_perm
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.workflow import CORRECTABLE_STATES, EDITABLE_STATES, target_state

# verb shown on the page → (workflow verb, permission)
_TRANSITION_ACTIONS = {
    "submit": ("submit", "item.submit"),
    "review": ("return", "item.review"),
    "publish": ("publish", "item.publish"),
    "withdraw": ("withdraw", "item.withdraw"),
    "delete": ("delete", "item.delete"),
}


def edit_permission(item) -> str | None:
    """The permission editing needs in the item's state, or None when no one may edit it now."""
    if item.state in EDITABLE_STATES:
        return "item.edit"
    if item.state in CORRECTABLE_STATES:
        return "item.edit_published"
    return None


def available_actions(user, item) -> set[str]:
    """Names among edit, submit, review, approve, reopen, publish, withdraw, delete."""
    org_id = item.organization_id
    actions = set()
    perm = edit_permission(item)
    if perm and has_perm(user, perm, org_id):
        actions.add("edit")
    for name, (verb, perm) in _TRANSITION_ACTIONS.items():
        if target_state(verb, item.state) is not None and has_perm(user, perm, org_id):
            actions.add(name)
    if "withdraw" in actions and item.is_scheduled:
        actions.discard("withdraw")  # never public yet: withdrawing would publish its notice early (delete instead)
    if "publish" in actions and item.disclosure_mode != DisclosureMode.PROACTIVE:
        actions.discard("publish")
    if "review" in actions and item.state == State.APPROVED:
        # Approved but not published: the reviewer may only re-open it (back to 退回) for correction.
        actions.discard("review")
        actions.add("reopen")
    if "review" in actions and (item.created_by_id != user.id or user.is_superuser):
        actions.add("approve")
    return actions
