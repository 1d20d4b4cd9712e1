"""规范性文件 for the subscribers of gongkai.subscriptions: a document newly published, its validity changed.

「新发布规范性文件」 is mailed once per document, and only for a genuine new publication on this platform:
- the item is published through the workflow while registered (`item_changed` with verb "published"), or
- an item published here through the workflow is registered within `NEW_PUBLICATION_DAYS` of its publication
  (`services.register`, then `registered`); one published on a schedule when it becomes public (the periodic
  job, `announce_due`).
Never for an item migrated from the old site (published there long ago: its approval has no reviewer, see
`publishing.migration`), nor for an item published here long before it was registered, nor for any later
"updated" announcement (a 施行日期 reached, a 备案, a corrected date). A document reaching its 施行日期 sends no
mail: the 新发布 mail already said 「自…起施行」, and a migrated one is not news; the library, search and the feeds
show the change. Changes of 有效性 (已修改, 已废止, 已失效) are mailed by `validity_changed`.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

KIND = "normative"
# Not statutory: how long after its publication an item registered afterwards (published first, then
# recorded in the register) is still news for the subscribers of 规范性文件.
NEW_PUBLICATION_DAYS = 7


def on_item_changed(sender, item_id, verb, **kwargs):
    if verb != "published":  # "updated" and "migrated" are not a new publication (see above)
        return
    from gongkai.regulations.models import NormativeDocument

    document = NormativeDocument.objects.select_related("item").filter(item_id=item_id).first()
    if document is not None:
        announce_published(document)


def registered(document_id: int) -> None:
    """After commit of `services.register` of an item already published: 新发布 only if that publication is new."""
    from gongkai.regulations.models import NormativeDocument

    document = NormativeDocument.objects.select_related("item").filter(pk=document_id).first()
    if document is not None and newly_published(document.item):
        announce_published(document)


def announce_due(now: dt.datetime | None = None) -> int:
    """For the periodic job (`expiry.enqueue_sweep`): the documents whose publication here became public within
    NEW_PUBLICATION_DAYS and are not announced yet — one published on a schedule was not public when publishing
    announced it, nor when it was registered. Idempotent (the announcement's source). Returns how many reached."""
    from gongkai.regulations.models import NormativeDocument

    now = now or timezone.now()
    recent = (NormativeDocument.objects.live().filter(item__published_at__gte=now - dt.timedelta(days=NEW_PUBLICATION_DAYS))
              .select_related("item"))
    return sum(announce_published(document) for document in recent if newly_published(document.item, now))


def newly_published(item, now: dt.datetime | None = None) -> bool:
    """Published on this platform, through its review (not migrated), within NEW_PUBLICATION_DAYS."""
    from gongkai.publishing.models import Review

    now = now or timezone.now()
    if item.published_at is None or item.published_at < now - dt.timedelta(days=NEW_PUBLICATION_DAYS):
        return False
    return item.reviews.filter(decision=Review.Decision.APPROVED, reviewer__isnull=False).exists()


def announce_published(document) -> int:
    """「新发布规范性文件」, once per document (a repeated call reaches no one); 0 while the item is not public, and
    for one withdrawn (撤回: public with its notice, but no news; one published on a schedule may be withdrawn
    before its time)."""
    from gongkai.publishing.choices import State
    from gongkai.regulations.models import NormativeDocument

    if not document.item.is_public or document.item.state != State.PUBLISHED:
        return 0
    with transaction.atomic():
        # The publish request and a run_periodic (or two overlapping runs) may announce it at once: the second
        # waits here until the first committed its announcement, then finds it (`announce`'s source): one mail.
        NormativeDocument.objects.select_for_update().filter(pk=document.pk).exists()
        return _announce(document, _("新发布规范性文件：%(title)s") % {"title": document.title},
                         _("%(number)s，自%(date)s起施行。") % {"number": document.item.doc_number,
                                                                "date": document.effective_from.isoformat()},
                         f"normative-published:{document.pk}")


def validity_changed(event_id: int) -> None:
    """After commit of `services.change_validity`: 已修改, 已废止, 已失效 … to the subscribers."""
    from gongkai.regulations.models import Event

    event = Event.objects.select_related("document__item").filter(pk=event_id).first()
    if event is None or not event.document.item.is_public:
        return
    document = event.document
    _announce(document, _("规范性文件变更：%(title)s（%(validity)s）")
              % {"title": document.title, "validity": document.get_validity_display()},
              f"{event.get_kind_display()}（{event.on.isoformat()}）{event.note}", f"normative-event:{event.pk}")


def _announce(document, subject: str, text: str, source: str) -> int:
    from gongkai.subscriptions.services import announce

    return announce(KIND, "", subject=subject, text=f"《{document.title}》\n{text}",
             url=reverse("portal:item", kwargs={"item_id": document.item_id}), source=source,
             organization=document.item.organization_id)  # the subscribers of the sites that show it
