"""What apps built on publishing add to an item's staff page and to its review, without publishing
importing them (tests/test_architecture.py). One registry; an app registers one `Extension` per concern
in its AppConfig.ready():

    from gongkai.publishing import extensions
    extensions.register(extensions.Extension(
        key="myapp.thing",
        section="myapp/includes/item_section.html",  # included on the item's staff page (publishing:detail)
        links=my_links,                 # (request, item) -> [(label, url)]: links on the item's staff page
        review_check=my_check,          # item -> [str]: what is missing; `approve` refuses while any
        review_template="myapp/includes/review_panel.html",
        review_panel=my_panel,          # (user, item, data) -> dict | None: the panel's context, None hides it
        submitted=my_submitted,         # (actor, item) -> None, inside services.submit's transaction
        approved=my_approved,           # (actor, item, review, data) -> None, inside services.approve's
        item_change=my_change_check,    # item -> None, inside services.update_item before it saves
    ))

Every field but `key` is optional.
- A *section* is a template included after the 信息索引 with the page's context (`item`, `actions`,
  `request`): the app's record of the item and a link to the app's own editor (e.g. 涉企政策).
- *Links* add actions to the page (e.g. 同步推送 to 政务新媒体).
- A *review check* names, in Chinese, what is missing for the app's purposes (e.g. the six fields of a
  涉企政策); the reviewer sees it in the review form and `approve` refuses while there is any.
- A *review panel* is drawn inside the reviewer's 审核（保密审查） form, so its fields are posted with the
  decision; `data` is that POST (None when the form is first shown). An `approved` hook may refuse the
  approval with ActionRefused (the whole approval is rolled back); a `submitted` hook must not refuse (a
  check at submission warns the reviewer, it does not block the unit).
- An *item change* check sees the item with the edit applied, before it is saved, and refuses with
  ActionRefused an edit that would contradict the app's record of it (e.g. a 规范性文件's 成文日期 after the
  公布日期 its register holds).
"""

from collections.abc import Callable
from dataclasses import dataclass

_EXTENSIONS: list["Extension"] = []


@dataclass(frozen=True)
class Extension:
    key: str
    section: str = ""
    links: Callable | None = None
    review_check: Callable | None = None
    review_template: str = ""
    review_panel: Callable | None = None
    submitted: Callable | None = None
    approved: Callable | None = None
    item_change: Callable | None = None


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


def register(extension: Extension) -> None:
    """Idempotent by key (ready() may run more than once in tests)."""
    if all(e.key != extension.key for e in _EXTENSIONS):
        _EXTENSIONS.append(extension)


def sections() -> list[str]:
    return [e.section for e in _EXTENSIONS if e.section]


def links(request, item) -> list[tuple[str, str]]:
    return [link for e in _EXTENSIONS if e.links is not None for link in e.links(request, item)]


def review_problems(item) -> list[str]:
    return [problem for e in _EXTENSIONS if e.review_check is not None for problem in e.review_check(item)]


def check_item_change(item) -> None:
    """Every registered item-change check, in order; the first refusal (ActionRefused) propagates."""
    for extension in _EXTENSIONS:
        if extension.item_change is not None:
            extension.item_change(item)


def panels(user, item, data=None) -> list[Panel]:
    shown = []
    for extension in _EXTENSIONS:
        if extension.review_panel is None or not extension.review_template:
            continue
        context = extension.review_panel(user, item, data)
        if context is not None:
            shown.append(Panel(extension.review_template, context))
    return shown


def run_submitted(actor, item) -> None:
    for extension in _EXTENSIONS:
        if extension.submitted is not None:
            extension.submitted(actor, item)


def run_approved(actor, item, review, data) -> None:
    for extension in _EXTENSIONS:
        if extension.approved is not None:
            extension.approved(actor, item, review, data or {})
