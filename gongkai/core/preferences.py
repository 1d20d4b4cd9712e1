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
