"""The item workflow as data: which verb moves an item from which states to which state.

The diagram (docs/publishing.md) is drawn from this table; tests check every transition.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.publishing.choices import State

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    # verb: (states it may start from, state it leads to)
    "submit": (frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    # An approved item that is not yet published (or never will be: 依申请公开, 不予公开) can be
    # re-opened by a reviewer for correction.
    "return": (frozenset({State.SUBMITTED, State.APPROVED}), State.RETURNED),
    "approve": (frozenset({State.SUBMITTED}), State.APPROVED),
    "publish": (frozenset({State.APPROVED}), State.PUBLISHED),
    "withdraw": (frozenset({State.PUBLISHED}), State.WITHDRAWN),
    "delete": (frozenset({State.DRAFT, State.RETURNED, State.APPROVED, State.PUBLISHED, State.WITHDRAWN}),
               State.DELETED),
}

# A transition without a written reason (送审, 发布) stores its verb as the revision's change reason;
# the 修订记录 shows these labels.
VERB_LABELS = {
    "submit": pgettext_lazy("audit action", "送审"),
    "return": pgettext_lazy("audit action", "退回"),
    "approve": pgettext_lazy("audit action", "审核通过"),
    "publish": _("发布"),
    "withdraw": _("撤回"),
    "delete": _("删除信息"),
}

# States in which the drafter may still edit; reviewers may also correct published items.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})
CORRECTABLE_STATES = frozenset({State.PUBLISHED, State.WITHDRAWN})


def allowed_verbs(state: str) -> list[str]:
    return [verb for verb, (sources, _target) in TRANSITIONS.items() if state in sources]


def target_state(verb: str, state: str) -> str | None:
    sources, target = TRANSITIONS[verb]
    return target if state in sources else None


def change_reason_label(reason: str | None) -> str:
    """A revision's change reason as staff read it: a stored verb as its label, written text as it is."""
    return str(VERB_LABELS.get(reason, reason or ""))
