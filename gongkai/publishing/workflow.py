"""The item workflow as data: which verb moves an item from which states to which state.

The diagram (docs/publishing.md) is drawn from this table; tests check every transition.
"""

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

# States in which the drafter may still edit; reviewers may also correct published items.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})
CORRECTABLE_STATES = frozenset({State.PUBLISHED, State.WITHDRAWN})


def allowed_verbs(state: str) -> list[str]:
    return [verb for verb, (sources, _target) in TRANSITIONS.items() if state in sources]


def target_state(verb: str, state: str) -> str | None:
    sources, target = TRANSITIONS[verb]
    return target if state in sources else None


def change_reason_label(reason: str | None) -> str:
    """A revision's change reason as staff read it. A transition without a written reason (送审, 发布)
    stores its verb: shown as the label the 操作日志 gives the same action (item.<verb>); written text as it is."""
    from gongkai.audit.labels import ACTION_LABELS

    return str(ACTION_LABELS.get(f"item.{reason}", reason or "")) if reason in TRANSITIONS else (reason or "")
