"""What the public reads of a published message: its subject, content and reply with every resident ID
number and mobile number typed into them masked (core.masking.mask_numbers). Every public output — the
pages, the feed, the open API, the search results, the home panel and the suggestions while writing —
takes the text from here, never from the model's fields; staff pages and the writer's own page read the
message itself."""

from functools import cached_property

from gongkai.core.masking import mask_numbers


class PublicText:
    """The three texts, each masked when first read (a list shows only the subjects)."""

    def __init__(self, subject: str, content: str, reply: str):
        self._typed = (subject, content, reply)

    @cached_property
    def subject(self) -> str:
        return mask_numbers(self._typed[0])

    @cached_property
    def content(self) -> str:
        return mask_numbers(self._typed[1])

    @cached_property
    def reply(self) -> str:
        return mask_numbers(self._typed[2])

    def contains(self, term: str) -> bool:
        """Whether the term is in the text as the public reads it (a number typed in full finds nothing)."""
        term = (term or "").casefold()
        return any(term in part.casefold() for part in (self.subject, self.content, self.reply))


def public_text(message) -> PublicText:
    return masked(message.subject, message.content, message.reply)


def masked(subject: str, content: str, reply: str) -> PublicText:
    return PublicText(subject, content, reply)
