"""Reader display preferences: 字号 (font size) and 长者模式 (elder mode), kept in a cookie.

They work without JavaScript: a plain form posts to portal:preferences, which sets the cookie and
redirects back.
"""

from dataclasses import dataclass

COOKIE_NAME = "gk_display"
COOKIE_MAX_AGE = 365 * 24 * 3600
FONT_SIZES = ("s", "m", "l")


@dataclass(frozen=True)
class DisplayPreferences:
    font: str = "m"
    elder: bool = False

    def to_cookie(self) -> str:
        return f"{self.font}{'e' if self.elder else ''}"

    @classmethod
    def from_cookie(cls, raw: str | None) -> "DisplayPreferences":
        raw = (raw or "")[:4]
        font = raw[:1] if raw[:1] in FONT_SIZES else "m"
        return cls(font=font, elder=raw.endswith("e"))

    @property
    def body_classes(self) -> str:
        classes = [f"font-{self.font}"]
        if self.elder:
            classes.append("elder")
        return " ".join(classes)


# The page address the 字号/长者模式/language switches send the reader back to is repeated in each of the five
# links; a hand-made address of several thousand characters (a search of 3,000 characters) made the page carry
# it five times over. Longer than this, the switches send the reader back to the page without its query; a path
# itself longer than this (no page of the site has one: a hand-made address, answered 404) to the home page.
MAX_BACK_PATH_CHARS = 1000


def back_path(request) -> str:
    """The page's own address for the preference switches' `next`: the full path, the bare path when the
    query string would make it longer than MAX_BACK_PATH_CHARS, the home page (in the page's language) when
    the path alone is longer."""
    full = request.get_full_path()
    if len(full) <= MAX_BACK_PATH_CHARS:
        return full
    if len(request.path) <= MAX_BACK_PATH_CHARS:
        return request.path
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("portal:home")
    except NoReverseMatch:  # a configuration without the portal
        return "/"
