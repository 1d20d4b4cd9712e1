from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexState(models.Model):
    """Which live items the search index holds, and as of when.

    Written by the indexing task beside every index change. `gongkai run_periodic` compares it with
    the live items to index scheduled items whose time has come and to repair anything missed
    (a worker that was down, an index restored from an old backup).
    """

    item = models.OneToOneField(
        "publishing.InformationItem", on_delete=models.CASCADE, primary_key=True, related_name="search_state",
        verbose_name=_("政府信息"),
    )
    indexed_at = models.DateTimeField(_("索引时间"))

    class Meta:
        verbose_name = _("搜索索引状态")
        verbose_name_plural = _("搜索索引状态")

    def __str__(self):
        return f"item {self.item_id} indexed {self.indexed_at:%Y-%m-%d %H:%M}"


class SynonymGroup(models.Model):
    """Words citizens and documents use for the same thing (年报 / 年度报告 / 工作年度报告). A document holding
    any word of a group is found by every word of it: the index holds the group's other words beside the
    document's text (search/synonyms.py), so the search itself costs nothing more."""

    words = models.CharField(_("同义词"), max_length=300,
                             help_text=_("两个或更多词，用空格或顿号分开，如“年报 年度报告 工作年度报告”。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词词典")

    def __str__(self):
        return " ↔ ".join(self.word_list())

    def word_list(self) -> list[str]:
        from gongkai.search.synonyms import split_words

        return split_words(self.words)
