"""Subscriptions by e-mail: request (double opt-in), confirm, unsubscribe, announce, digests.

Other apps call `announce(kind, key, …)` when something new is published for a topic they registered
(`registry.register_topic`). Mail goes through `gongkai.notifications` (delivery log, retries through the
task queue); the address is resolved at each attempt from the encrypted subscriber row, and the personal
links (confirm, unsubscribe, manage) are added at sending time, so neither reaches the log.

The verbs live in one module per concern; this package exports them, so callers keep writing
`from gongkai.subscriptions import services` and `services.announce(...)`:

- common.py: limits and subject names, address digests and masks, the signed links;
- requesting.py: request_subscription, request_manage_link, confirm, unsubscribe, change (and describe);
- announcing.py: announce, deliver and the digests (send_digests);
- resolvers.py: what notifications asks at sending time (resolve_*, extras_*).
"""

from gongkai.subscriptions.services.announcing import announce, deliver, matching, of_site, send_digests
from gongkai.subscriptions.services.common import (
    CONFIRM_DAYS,
    CONFIRM_MAX_AGE,
    DIGEST_HOUR,
    ENTERPRISE_KIND,
    MAX_REQUESTS_PER_ADDRESS,
    MAX_REQUESTS_PER_CLIENT,
    SUBJECT_CONFIRM,
    SUBJECT_DELIVERY,
    SUBJECT_DIGEST,
    SUBJECT_MANAGE,
    confirm_url,
    email_digest,
    make_token,
    manage_url,
    mask_email,
    normalize_email,
    public_url,
    read_token,
    unsubscribe_url,
)
from gongkai.subscriptions.services.requesting import (
    active_subscriptions,
    change,
    confirm,
    describe,
    invalid_query_reason,
    purge_request_records,
    query_refusal,
    request_manage_link,
    request_subscription,
    subscriber_for_manage,
    subscription_for_confirm,
    subscription_for_unsubscribe,
    unsubscribe,
)
from gongkai.subscriptions.services.resolvers import (
    extras_confirm,
    extras_delivery,
    extras_digest,
    extras_manage,
    resolve_confirm,
    resolve_delivery,
    resolve_digest,
    resolve_manage,
)

__all__ = [
    "CONFIRM_DAYS", "CONFIRM_MAX_AGE", "DIGEST_HOUR", "ENTERPRISE_KIND", "MAX_REQUESTS_PER_ADDRESS", "MAX_REQUESTS_PER_CLIENT",
    "SUBJECT_CONFIRM", "SUBJECT_DELIVERY", "SUBJECT_DIGEST", "SUBJECT_MANAGE", "active_subscriptions",
    "announce", "change", "confirm", "confirm_url", "deliver", "describe", "email_digest", "extras_confirm",
    "extras_delivery", "extras_digest", "extras_manage", "invalid_query_reason", "query_refusal", "subscription_for_confirm", "make_token", "manage_url", "mask_email", "matching", "normalize_email", "of_site",
    "public_url", "purge_request_records", "read_token", "request_manage_link", "request_subscription",
    "resolve_confirm", "resolve_delivery", "resolve_digest", "resolve_manage", "send_digests",
    "subscriber_for_manage", "subscription_for_unsubscribe", "unsubscribe", "unsubscribe_url",
]
