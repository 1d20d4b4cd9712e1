import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)


class CharacterClassValidator:
    """A staff password mixes at least three kinds: lower case, upper case, digits, other symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def _classes(self, password: str) -> int:
        kinds = [any(c in cls for c in password) for cls in CLASSES]
        kinds.append(any(not c.isascii() or not c.isalnum() for c in password))
        return sum(kinds)

    def validate(self, password, user=None):
        if self._classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。"),
                code="password_too_simple",
                params={"n": self.min_classes},
            )

    def get_help_text(self):
        return _("密码须至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes}


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with a Chinese message: Django 5.2 changed the message id to "%d" and its
    zh-hans catalogue still translates only the old "%(min_length)d" one, so users saw English."""

    def get_error_message(self):
        return _("密码太短，至少需要 %(n)d 个字符。") % {"n": self.min_length}

    def get_help_text(self):
        return _("密码至少需要 %(n)d 个字符。") % {"n": self.min_length}
