"""What a quarterly digest says: the e-mail (text and HTML) and its PDF, from one context."""

from dataclasses import dataclass
from urllib.parse import urljoin

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.policies import pdf


@dataclass
class Message:
    subject: str
    text: str
    html: str
    pdf: bytes
    pdf_name: str


def _entries(policies, url: str, today) -> list[dict]:
    return [{"policy": p, "status_label": p.status_label(today),
             "url": urljoin(url, reverse("policies:detail", kwargs={"policy_id": p.pk})),
             "flyer": urljoin(url, reverse("policies:flyer", kwargs={"policy_id": p.pk}))} for p in policies]


def context(digest, new, still_open, url: str) -> dict:
    """`url` is the digest's absolute public address; every link in the mail and the PDF is absolute."""
    from gongkai.policies.models import DigestEntry

    today = timezone.localdate()
    new, still_open = _entries(new, url, today), _entries(still_open, url, today)
    sections = [(str(label), entries) for label, entries in (
        (DigestEntry.Section.NEW.label, new), (DigestEntry.Section.OPEN.label, still_open)) if entries]
    return {"digest": digest, "organization": digest.organization, "new": new, "still_open": still_open,
            "sections": sections, "url": url, "today": today,
            "period": digest.period_label, "finder_url": urljoin(url, reverse("policies:finder"))}


def subject(digest) -> str:
    return _("%(unit)s%(period)s涉企政策推送") % {"unit": digest.organization.name, "period": digest.period_label}


def pdf_bytes(digest, new, still_open, url: str) -> bytes:
    return pdf.render("policies/pdf/digest.html", context(digest, new, still_open, url))


def pdf_name(digest) -> str:
    return f"policies-{digest.organization_id}-{digest.year}Q{digest.quarter}.pdf"


def message(digest, new, still_open, url: str) -> Message:
    ctx = context(digest, new, still_open, url)
    return Message(subject=subject(digest), text=render_to_string("policies/email/digest.txt", ctx),
                   html=render_to_string("policies/email/digest.html", ctx),
                   pdf=pdf_bytes(digest, new, still_open, url), pdf_name=pdf_name(digest))
