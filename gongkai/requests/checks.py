"""System checks: the personal-data key must be usable before anything is stored with it."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def field_key_is_valid(app_configs, **kwargs):
    from gongkai.core.crypto import check_keys

    try:
        check_keys()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="Generate one with: python3 -c \"from cryptography.fernet import "
                             "Fernet; print(Fernet.generate_key().decode())\"", id="gongkai.requests.E001")]
    return []
