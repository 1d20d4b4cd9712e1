"""规范性文件 for the subscribers of gongkai.subscriptions: a document published, its validity changed."""

from django.urls import reverse
from django.utils.translation import gettext as _

KIND = "normative"


def on_item_changed(sender, item_id, verb, **kwargs):
    if verb not in ("published", "updated"):  # "updated": an item registered after its publication
        return
    from gongkai.regulations.models import NormativeDocument

    document = NormativeDocument.objects.select_related("item").filter(item_id=item_id).first()
    if document is None or not document.item.is_public:
        return
    _announce(document, _("新发布规范性文件：%(title)s") % {"title": document.title},
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


def _announce(document, subject: str, text: str, source: str) -> None:
    from gongkai.subscriptions.services import announce

    announce(KIND, "", subject=subject, text=f"《{document.title}》\n{text}",
             url=reverse("portal:item", kwargs={"item_id": document.item_id}), source=source)
