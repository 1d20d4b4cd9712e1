"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): a unit's messages
(one waiting, one answered with an attachment), its 常见问题 entries, and the rows another unit must not change."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.mailbox import services
from gongkai.mailbox.models import Faq, Message, MessageAttachment, MessageEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fillers(unit) -> dict:
    name = unit.org.name
    data = {"kind": "consult", "subject": f"{name}的留言", "content": f"{name}留言内容，含个人诉求。", "name": "某某",
            "contact": "13900000000", "may_publish": True,
            "attachments": [SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")]}
    waiting = services.submit_online(unit.org, data, today=dt.date(2026, 3, 2)).message
    answered = services.submit_online(unit.org, {**data, "attachments": []}, today=dt.date(2026, 3, 2)).message
    services.reply(unit.editor, answered, "对留言作出的实质性答复内容。", today=dt.date(2026, 3, 3))
    faq = services.save_faq(unit.editor, None, unit.org, "主题", f"{name}的常见问题", "解答")
    return {"message_id": [waiting.pk, answered.pk], "action": ["accept", "reply", "publish"],  # every action goes through the same lookup
            "file_id": list(MessageAttachment.objects.filter(message=waiting).values_list("pk", flat=True)),
            "faq_id": [faq.pk]}


def snapshot(unit) -> dict:
    messages = Message.objects.filter(organization=unit.org)
    return {
        "messages": list(messages.order_by("pk").values()),
        "events": list(MessageEvent.objects.filter(message__in=messages).order_by("pk").values()),
        "faqs": list(Faq.objects.filter(organization=unit.org).order_by("pk").values()),
    }
