"""Extensions of the review step from apps above publishing (publishing never imports them).

An app registers one `Extension` in its AppConfig.ready():

    from gongkai.publishing import review_hooks
    review_hooks.register(review_hooks.Extension(
        key="…", template="myapp/includes/review_panel.html",
        panel=my_panel,          # (user, item, data) -> dict | None: the template's context, None hides it
        submitted=my_submitted,  # (actor, item) -> None: runs inside services.submit's transaction
        approved=my_approved,    # (actor, item, review, data) -> None: inside services.approve's transaction
    ))

The panels are drawn inside the reviewer's 审核（保密审查） form, so their fields are posted with the
decision; `data` is that POST (or None when the form is first shown). An `approved` hook may refuse
the approval with ActionRefused (the whole approval is then rolled back); a `submitted` hook must not
refuse (a check at submission warns the reviewer, it does not block the unit).
"""

from collections.abc import Callable
from dataclasses import dataclass

_EXTENSIONS: list["Extension"] = []


@dataclass(frozen=True)
class Extension:
    key: str
    template: str = ""
    panel: Callable | None = None
    submitted: Callable | None = None
    approved: Callable | None = None


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


def register(extension: Extension) -> None:
    if all(e.key != extension.key for e in _EXTENSIONS):
        _EXTENSIONS.append(extension)


def panels(user, item, data=None) -> list[Panel]:
    shown = []
    for extension in _EXTENSIONS:
        if extension.panel is None or not extension.template:
            continue
        context = extension.panel(user, item, data)
        if context is not None:
            shown.append(Panel(extension.template, context))
    return shown


def run_submitted(actor, item) -> None:
    for extension in _EXTENSIONS:
        if extension.submitted is not None:
            extension.submitted(actor, item)


def run_approved(actor, item, review, data) -> None:
    for extension in _EXTENSIONS:
        if extension.approved is not None:
            extension.approved(actor, item, review, data or {})
