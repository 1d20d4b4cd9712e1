"""Conventions shared by every app's services."""


class ActionRefused(Exception):
    """A service refused an action; `reason` is a sentence in Chinese the user can act on."""

    def __init__(self, reason: str):
        self.reason = str(reason)
        super().__init__(self.reason)

    def __str__(self):
        return self.reason
