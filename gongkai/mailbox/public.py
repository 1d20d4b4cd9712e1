"""What the public reads of a published message: its subject, content and reply with every resident ID
number and mobile number typed into them masked (core.masking.mask_numbers). Every public output — the
pages, the feed, the open API, the search results, the home panel and the suggestions while writing —
takes the text from here, never from the model's fields; staff pages and the writer's own page read the
message itself."""

from dataclasses import dataclass

from gongkai.core.masking import mask_numbers


@dataclass(frozen=True)
class PublicText:
    subject: str
    content: str
    reply: str

    def contains(self, term: str) -> bool:
        """Whether the term is in the text as the public reads it (a number typed in full finds nothing)."""
        term = (term or "").casefold()
        return any(term in part.casefold() for part in (self.subject, self.content, self.reply))


def public_text(message) -> PublicText:
    return masked(message.subject, message.content, message.reply)


def masked(subject: str, content: str, reply: str) -> PublicText:
    return PublicText(subject=mask_numbers(subject), content=mask_numbers(content), reply=mask_numbers(reply))
