from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexState(models.Model):
    """Which live items the search index holds, and as of when.

    Written by the indexing task beside every index change. `gongkai run_periodic` compares it with
    the live items to index scheduled items whose time has come and to repair anything missed
    (a worker that was down, an index restored from an old backup).
    """

    item = models.OneToOneField(
        "publishing.InformationItem", on_delete=models.CASCADE, primary_key=True, related_name="search_state"
    )
    indexed_at = models.DateTimeField(_("索引时间"))

    class Meta:
        verbose_name = _("搜索索引状态")
        verbose_name_plural = _("搜索索引状态")

    def __str__(self):
        return f"item {self.item_id} indexed {self.indexed_at:%Y-%m-%d %H:%M}"
