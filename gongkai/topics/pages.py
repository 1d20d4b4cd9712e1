"""What the public sees of 专题: adopted 稿件 whose item is live, the home panel, and purging the stored
pages (gongkai.core.pagecache) when a 专题, a decision or one of its items changes."""

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from gongkai.core import pagecache

HOME_PANEL_ENTRIES = 6
TOPIC_PAGE_ENTRIES = 8  # 稿件 per sub-column on a 专题's page; the sub-column's own page lists them all


def adopted(columns, now=None):
    """Adopted 稿件 of `columns` whose item the public may see now, newest publication first."""
    from gongkai.publishing.models import InformationItem
    from gongkai.topics.models import Submission, SubmissionState

    live = InformationItem.objects.live(now).values("pk")
    return (Submission.objects.filter(column__in=columns, state=SubmissionState.ADOPTED, item__in=live)
            .select_related("item", "organization", "column").order_by("-item__published_at", "-id"))


def newest_by_column(columns, per_column: int = TOPIC_PAGE_ENTRIES, now=None) -> dict[int, tuple[list, int]]:
    """{column id: (its newest `per_column` adopted 稿件, how many it has)}, in one query that loads only the
    稿件 shown (a window function numbers each sub-column's 稿件), not every adopted one of the 专题."""
    from django.db.models import Count, F, Window
    from django.db.models.functions import RowNumber

    order = [F("item__published_at").desc(), F("id").desc()]
    rows = adopted(columns, now).annotate(
        place=Window(RowNumber(), partition_by=F("column_id"), order_by=order),
        total=Window(Count("id"), partition_by=F("column_id")),
    ).filter(place__lte=per_column)
    shown = {column.pk: ([], 0) for column in columns}
    for submission in rows:
        entries, _total = shown[submission.column_id]
        entries.append(submission)
        shown[submission.column_id] = (entries, submission.total)
    return shown


def listed_topics(now=None):
    """Public 专题 with at least one adopted 稿件 whose item is live: the ones the home panel and /zt/ link.

    A 专题 the office has just created, with nothing to show yet, stays off the lists (its own address
    still answers, so the office can look at it before the first 稿件 is adopted)."""
    from gongkai.publishing.models import InformationItem
    from gongkai.topics.models import Submission, SubmissionState, Topic

    live = InformationItem.objects.live(now).values("pk")
    shown = Submission.objects.filter(state=SubmissionState.ADOPTED, item__in=live).values("column__topic_id")
    return Topic.objects.filter(is_public=True, pk__in=shown)


def _paths(topic, slug=None) -> tuple[list[str], list[str]]:
    try:
        index = reverse("topics:index")
        prefix = reverse("topics:topic", args=[slug or topic.slug])
    except NoReverseMatch:
        return [], []
    return ["/", index], [prefix]


def purge_topic(topic, old_slug=None) -> None:
    paths, prefixes = _paths(topic)
    if old_slug and old_slug != topic.slug:
        more_paths, more_prefixes = _paths(topic, old_slug)
        prefixes += more_prefixes
    transaction.on_commit(lambda: pagecache.purge(paths, prefixes))


def item_changed(sender, item_id, verb, **kwargs) -> None:
    """An item shown in a 专题 changed (edited, withdrawn, deleted): refresh the 专题's pages."""
    from gongkai.topics.models import Submission, Topic

    topics = Topic.objects.filter(columns__submissions__item_id=item_id).distinct()
    if not Submission.objects.filter(item_id=item_id).exists():
        return
    for topic in topics:
        paths, prefixes = _paths(topic)
        pagecache.purge(paths, prefixes)


def home_panel(request):
    from gongkai.portal.panels import Entry, Panel
    topics = list(listed_topics()[:HOME_PANEL_ENTRIES])
    if not topics:
        return None
    entries = [Entry(topic.title, reverse("topics:topic", args=[topic.slug])) for topic in topics]
    return Panel(_("专题专栏"), reverse("topics:index"), entries)
