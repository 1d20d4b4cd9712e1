"""Who a notice goes to, asked at delivery time: apps that send notices register a resolver for their
subject type, so that addresses stay encrypted where they live and are never copied into the log or a
task's arguments."""

from collections.abc import Callable

Resolver = Callable[[str, str], str]  # (subject_id, channel) -> address, "" when there is none

_RESOLVERS: dict[str, Resolver] = {}


def register(subject_type: str, resolver: Resolver) -> None:
    _RESOLVERS[subject_type] = resolver


def resolve(subject_type: str, subject_id: str, channel: str) -> str:
    resolver = _RESOLVERS.get(subject_type)
    return resolver(subject_id, channel) if resolver else ""
