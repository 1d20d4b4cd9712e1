"""Conventions shared by every app's services."""


class ActionRefused(Exception):
    """A service refused an action; `reason` is a sentence in Chinese the user can act on.

    `field`, when the refusal concerns one value the user typed (a date later than another), names it as the
    form names its field (`promulgated_on`), so the view can put the reason beside that field
    (`core.forms.add_refusal`) instead of above the form. Optional: a refusal without one is about the
    action as a whole and is shown as before."""

    def __init__(self, reason: str, field: str | None = None):
        self.reason = str(reason)
        self.field = field or None
        super().__init__(self.reason)

    def __str__(self):
        return self.reason
