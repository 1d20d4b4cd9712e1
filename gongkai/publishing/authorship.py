"""Who wrote what a reviewer is asked to approve, read from the item's revisions (django-simple-history)."""

from gongkai.publishing.choices import State


def content_authors(item, fields) -> set[int]:
    """Ids of the users who wrote the item's content in the current review round: its creation or any
    revision changing one of the content `fields` (services.ITEM_FIELDS), since the item was last returned
    (退回). 审核通过 is never by one of them (four eyes: what a reviewer approves is someone else's)."""
    authors, previous = set(), None
    for revision in item.history.order_by("history_date", "history_id").values("history_user_id", "state",
                                                                                 *fields):
        if previous is not None and revision["state"] == State.RETURNED and previous["state"] != State.RETURNED:
            authors = set()  # returned: the round starts again
        elif previous is None or any(revision[f] != previous[f] for f in fields):
            if revision["history_user_id"] is not None:
                authors.add(revision["history_user_id"])
        previous = revision
    return authors
