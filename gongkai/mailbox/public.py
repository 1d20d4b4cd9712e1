"""What the public reads of a published message: its subject, content and reply with every resident ID
number and mobile number typed into them masked (core.masking.mask_numbers); the writer's own subject and
content also with every landline masked (core.masking.mask_personal_numbers: a landline in a letter is the
writer's), the unit's reply and 常见问题 keeping theirs (the unit's official number is public information). Every public output — the
pages, the feed, the open API, the search results, the home panel and the suggestions while writing —
takes the text from here, never from the model's fields; staff pages and the writer's own page read the
message itself."""

from functools import cached_property

from gongkai.core.masking import mask_numbers, mask_personal_numbers


class PublicText:
    """The three texts, each masked when first read (a list shows only the subjects)."""

    def __init__(self, subject: str, content: str, reply: str):
        self._typed = (subject, content, reply)

    @cached_property
    def subject(self) -> str:
        return mask_personal_numbers(self._typed[0])

    @cached_property
    def content(self) -> str:
        return mask_personal_numbers(self._typed[1])

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


class PublicFaq:
    """A 常见问题 entry as the public reads it: ID and mobile numbers masked, the unit's landline kept."""

    def __init__(self, question: str, answer: str):
        self.question = mask_numbers(question)
        self.answer = mask_numbers(answer)
