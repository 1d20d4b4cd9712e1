"""What the index knows about an item: one IndexDocument per live InformationItem."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from gongkai.core.sanitize import html_to_text
from gongkai.search import segment, synonyms, text


@dataclass
class IndexDocument:
    id: int
    title: str
    body: str  # plain text of the body
    extra: str  # summary, 文号 and 主题词: searchable, ranked like the body
    organization_id: int
    node_ids: list[int]
    published_at: dt.datetime
    topic: str = ""
    doc_type: str = ""
    validity: str = ""  # the state the public sees (publishing.validity): faceted and filtered on
    doc_number: str = ""
    index_no: str = ""
    kind: str = "item"  # content type (search/kinds.py)
    attachments: str = ""  # extracted text of the attachments (publishing/extraction.py), one per line
    # Synonyms of words the title / the rest holds (search/synonyms.py), indexed beside them.
    title_synonyms: str = ""
    body_synonyms: str = ""
    # What a hit shows beyond the above (a backend may store it with `shown()`; search/hits.py).
    summary: str = ""
    keywords: str = ""
    recorded_validity: str = ""  # the item's own 有效性 column, as a hit shows the row (search/hits.py)
    updated_at: dt.datetime | None = None  # of the row this document was built from

    @cached_property
    def title_norm(self) -> str:
        if self.title_synonyms:
            return text.normalize(f"{self.title}\n{self.title_synonyms}")
        return text.normalize(self.title)

    @cached_property
    def body_norm(self) -> str:
        """Normalized body, extra and attachment text (and synonyms), kept apart by line breaks so no
        phrase spans two."""
        parts = [self.body, self.extra, *(p for p in (self.attachments, self.body_synonyms) if p)]
        return text.normalize("\n".join(parts))

    @cached_property
    def words(self) -> list[str]:
        return segment.index_words(self.title_norm) + segment.index_words(self.body_norm)

    @property
    def year(self) -> int:
        return timezone.localtime(self.published_at).year

    @property
    def timestamp(self) -> int:
        return int(self.published_at.timestamp())

    @property
    def doc_key(self) -> str:
        return text.doc_number_key(self.doc_number)

    @property
    def index_key(self) -> str:
        return text.index_no_key(self.index_no)

    def shown(self) -> dict:
        """What a result shows of the item, as of `updated_at` (search/hits.py reads it back)."""
        return {"title": self.title, "summary": self.summary, "doc_number": self.doc_number, "keywords": self.keywords,
                "index_no": self.index_no, "organization_id": self.organization_id,
                "published_at": micros(self.published_at), "topic": self.topic, "doc_type": self.doc_type,
                "validity": self.recorded_validity, "updated_at": micros(self.updated_at)}


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def micros(moment: dt.datetime | None) -> int | None:
    """Microseconds since the epoch (exact, unlike a float timestamp)."""
    return None if moment is None else (moment - EPOCH) // dt.timedelta(microseconds=1)


def document_for(item, dictionary=None, kind: str = "item", validity: str | None = None) -> IndexDocument:
    """Build the index document of an item (its catalog nodes and attachments prefetched or not), with the
    synonyms of `dictionary` (search/synonyms.py; the stored one when None). `validity`: the state the public
    sees (`publishing.validity.public_states`) where it is not the item's recorded 有效性."""
    extra = " ".join(part for part in (item.summary, item.doc_number, item.keywords) if part)
    doc = IndexDocument(
        id=item.id,
        title=item.title,
        body=html_to_text(item.body),
        extra=extra,
        organization_id=item.organization_id,
        node_ids=sorted(node.id for node in item.catalog_nodes.all()),
        published_at=item.published_at,
        topic=item.topic or "",
        doc_type=item.doc_type or "",
        validity=validity if validity is not None else item.validity or "",
        doc_number=item.doc_number or "",
        index_no=item.index_no or "",
        attachments="\n".join(a.text for a in item.attachments.all() if a.text),
        kind=kind,
        summary=item.summary or "",
        keywords=item.keywords or "",
        recorded_validity=item.validity or "",
        updated_at=item.updated_at,
    )
    dictionary = dictionary if dictionary is not None else synonyms.current()
    if dictionary.groups:
        doc.title_synonyms = dictionary.expansions(doc.title_norm)
        doc.body_synonyms = dictionary.expansions(text.normalize(f"{doc.body}\n{doc.extra}\n{doc.attachments}"))
        for name in ("title_norm", "body_norm"):
            doc.__dict__.pop(name, None)  # computed again with the synonyms
    return doc
