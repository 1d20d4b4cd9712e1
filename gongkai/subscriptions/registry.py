"""What can be followed: apps register their topics in their AppConfig.ready().

    from gongkai.subscriptions.registry import register_topic
    register_topic("gazette", _("政府公报"))
    register_topic("unit", _("单位"), choices=units)   # a list of (key, label) or a callable returning one
    register_topic("unit", _("单位"), choices=units, scoped=True)   # units(organization_ids) for one site

A topic without choices is followed as a whole (key ""); with choices the subscriber picks one key
(or the whole kind, where `whole` is allowed). A `scoped` topic's callable takes the ids of the
organizations the request's site shows (None: every one), so that several sites hosted together each
offer only their own units and columns. The subscriptions app never imports the apps that
register here: they call `services.announce(kind, key, …)` when something new is published.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    kind: str
    label: str
    choices: Callable[[], Iterable[tuple[str, str]]] | Iterable[tuple[str, str]] | None = None
    order: int = 100
    scoped: bool = False

    def options(self, organization_ids=None) -> list[tuple[str, str]]:
        """The choices; of a scoped topic, those of the given organizations only (None: all)."""
        if self.choices is None:
            return []
        if not callable(self.choices):
            values = self.choices
        else:
            values = self.choices(organization_ids) if self.scoped else self.choices()
        return [(str(key), str(label)) for key, label in values]

    def key_label(self, key: str) -> str:
        """The label of one key ("" when unknown or the whole kind)."""
        if not key:
            return ""
        return dict(self.options()).get(str(key), "")


_TOPICS: dict[str, Topic] = {}


def register_topic(kind: str, label: str, choices=None, *, order: int = 100, scoped: bool = False) -> None:
    """Register (or re-register: the last one wins) a kind of thing people can follow."""
    _TOPICS[kind] = Topic(kind=kind, label=label, choices=choices, order=order, scoped=scoped)


def unregister_topic(kind: str) -> None:
    _TOPICS.pop(kind, None)


def get(kind: str) -> Topic | None:
    return _TOPICS.get(kind)


def topics() -> list[Topic]:
    return sorted(_TOPICS.values(), key=lambda t: (t.order, t.kind))
