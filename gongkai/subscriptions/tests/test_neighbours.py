"""The apps that announce from their side: a published 政府公报 issue (赠阅), a 规范性文件 and its changes."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.subscriptions import services
from gongkai.subscriptions.models import Announcement, Subscriber, Subscription

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def follower(email, kind, frequency="immediate"):
    subscriber = Subscriber.objects.create(email=email, email_digest=services.email_digest(email),
                                           email_masked=services.mask_email(email))
    return Subscription.objects.create(subscriber=subscriber, kind=kind, label=kind, frequency=frequency,
                                       status=Subscription.Status.ACTIVE)


def test_a_published_gazette_issue_is_mailed_to_its_subscribers(org, editor, reviewer,
                                                                 django_capture_on_commit_callbacks):
    from gongkai.gazette import services as gazette

    follower("reader@example.cn", "gazette")
    issue = gazette.create_issue(editor, org, {"year": 2020, "number": 5, "total_number": 120,
                                               "published_on": "2020-05-15"}, SimpleUploadedFile("5.pdf", PDF))
    gazette.add_entry(editor, issue, {"title": "沂源县人民政府关于优化营商环境的意见", "body": "<p>正文</p>"})
    with django_capture_on_commit_callbacks(execute=True):
        gazette.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    [message] = mail.outbox
    assert message.to == ["reader@example.cn"] and "2020年第5期" in message.subject
    assert "沂源县人民政府关于优化营商环境的意见" in message.body


def test_a_normative_document_and_its_repeal_reach_the_normative_subscribers(
        org, editor, reviewer, django_capture_on_commit_callbacks):
    from gongkai.regulations import services as regulations
    from gongkai.regulations.factories import normative_document

    follower("lawyer@example.cn", "normative")
    with django_capture_on_commit_callbacks(execute=True):
        old = normative_document(org, editor, reviewer, title="沂源县旧办法", doc_number="源政发〔2020〕1号",
                                 expires_on="2025-03-31")
        new = normative_document(org, editor, reviewer, title="沂源县新办法", doc_number="源政发〔2020〕9号",
                                 promulgated_on="2020-06-01", effective_from="2020-07-01", expires_on="2025-06-30")
    subjects = [m.subject for m in mail.outbox]
    assert any("沂源县新办法" in s for s in subjects)
    with django_capture_on_commit_callbacks(execute=True):
        regulations.repeal(reviewer, new, old, effective_on=dt.date(2020, 7, 1))
    assert any("沂源县旧办法" in m.subject and "规范性文件变更" in m.subject for m in mail.outbox)
    assert Announcement.objects.filter(kind="normative").count() >= 3
