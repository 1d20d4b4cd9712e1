"""Reading the sent mail the way a subscriber would: the links in it, its headers."""

import re

from django.core import mail

LINK = re.compile(r"https?://[^\s<>\"]+")


def links(message, part: str) -> list[str]:
    return [url for url in LINK.findall(message.body) if f"/dy/{part}/" in url]


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def confirm_path(message) -> str:
    return path_of(links(message, "qr")[0])


def unsubscribe_path(message) -> str:
    return path_of(links(message, "td")[0])


def outbox_to(address: str):
    return [m for m in mail.outbox if address in m.to]
