"""Listen to publishing: every item change re-indexes (or removes) that item through the task queue."""

from django.dispatch import receiver

from gongkai.publishing.events import item_changed
from gongkai.search import services
from gongkai.search.tasks import enqueue_indexing


@receiver(item_changed, dispatch_uid="gongkai.search.item_changed")
def on_item_changed(sender, item_id, verb, **kwargs):
    if not services.defer(item_id):
        enqueue_indexing([item_id])
