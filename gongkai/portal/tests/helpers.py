"""Items in every state the portal must tell apart, made through the publishing services."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.publishing import services
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.factories import ItemFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft(org, editor, node_key="plan.notices", **fields):
    data = {"title": "关于公开测试信息的通知（草稿）", "formed_on": timezone.localdate(), "body": "<p>草稿正文</p>"}
    data.update(fields)
    return services.create_item(editor, org, data, [node_by_key(org, node_key)])


def approved(org, editor, reviewer, **fields):
    item = draft(org, editor, **fields)
    services.submit(editor, item)
    return services.approve(reviewer, item, "经审查，不涉及国家秘密，同意公开。", secrecy_checked=True)


def scheduled(org, editor, reviewer, **fields):
    item = approved(org, editor, reviewer, **fields)
    return services.publish(reviewer, item, at=timezone.now() + dt.timedelta(days=2))


def not_proactive(org):
    """A published-looking item that is 依申请公开: the workflow never publishes one, the portal must not show it."""
    return ItemFactory(organization=org, title="依申请公开的信息", state=State.PUBLISHED,
                       published_at=timezone.now() - dt.timedelta(days=1),
                       disclosure_mode=DisclosureMode.ON_REQUEST)


def attach_pdf(editor, item, name="沂源县政府信息公开指南.pdf"):
    return services.add_attachment(editor, item, SimpleUploadedFile(name, PDF, content_type="application/pdf"))


def later(monkeypatch, delta: dt.timedelta) -> None:
    """Move the fragment cache's clock (django's in-memory cache) `delta` on: its timed entries expire."""
    import time

    from django.core.cache.backends import locmem

    class Clock:
        @staticmethod
        def time():
            return time.time() + delta.total_seconds()

    monkeypatch.setattr(locmem, "time", Clock)
