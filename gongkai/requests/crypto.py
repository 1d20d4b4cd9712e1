"""Moved to gongkai.core.crypto (personal data of every app, not only applicants'); kept because
migration 0001 names gongkai.requests.crypto.EncryptedTextField."""

from gongkai.core.crypto import *  # noqa: F401,F403
from gongkai.core.crypto import EncryptedTextField  # noqa: F401
