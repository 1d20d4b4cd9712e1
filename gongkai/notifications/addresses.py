"""Who a notice goes to, asked at delivery time: apps that send notices register a resolver for their
subject type, so that addresses stay encrypted where they live and are never copied into the log or a
task's arguments."""

from collections.abc import Callable
from dataclasses import dataclass, field

Resolver = Callable[[str, str], str]  # (subject_id, channel) -> address, "" when there is none

_RESOLVERS: dict[str, Resolver] = {}


def register(subject_type: str, resolver: Resolver) -> None:
    _RESOLVERS[subject_type] = resolver


def resolve(subject_type: str, subject_id: str, channel: str) -> str:
    resolver = _RESOLVERS.get(subject_type)
    return resolver(subject_id, channel) if resolver else ""


# --- E-mail extras: what a sender adds to its e-mails at sending time ---------------------------------
# Some senders need more than a subject and a text: an HTML part, headers that carry a per-recipient
# token (List-Unsubscribe of RFC 8058), attachments, a footer with personal links. These are computed at
# each attempt, like the address, so that nothing personal is copied into the log.


@dataclass(frozen=True)
class EmailExtras:
    html: str = ""  # an HTML alternative to the text ("" = text only)
    headers: dict = field(default_factory=dict)
    attachments: tuple = ()  # (filename, content bytes, mimetype)
    footer: str = ""  # appended to the logged text when sending (e.g. the recipient's unsubscribe link)


ExtrasBuilder = Callable[[str], EmailExtras]  # subject_id -> extras
_EXTRAS: dict[str, ExtrasBuilder] = {}


def register_email_extras(subject_type: str, builder: ExtrasBuilder) -> None:
    _EXTRAS[subject_type] = builder


def email_extras(subject_type: str, subject_id: str) -> EmailExtras:
    builder = _EXTRAS.get(subject_type)
    return builder(subject_id) if builder else EmailExtras()
