"""Hooks for apps built on publishing, so that publishing never imports them (tests/test_architecture.py).

An app registers, in its AppConfig.ready():

    from gongkai.publishing import extensions
    extensions.register_section("myapp/includes/item_section.html")
    extensions.register_review_check(my_check)  # my_check(item) -> list[str]

- A *section* is a template included on an item's staff page (publishing:detail) after the 信息索引,
  with the page's context (`item`, `actions`, `request`). It shows the app's record of the item and
  links to the app's own editor.
- A *review check* names, in Chinese, what is missing from the item for the app's purposes (e.g. the
  six fields of a 涉企政策). The reviewer sees the problems in the review form, and `approve` refuses
  while there are any; an empty list means nothing is missing.
"""

from collections.abc import Callable

_SECTIONS: list[str] = []
_REVIEW_CHECKS: list[Callable] = []


def register_section(template_name: str) -> None:
    if template_name not in _SECTIONS:
        _SECTIONS.append(template_name)


def register_review_check(check: Callable) -> None:
    if check not in _REVIEW_CHECKS:
        _REVIEW_CHECKS.append(check)


def sections() -> list[str]:
    return list(_SECTIONS)


def review_problems(item) -> list[str]:
    problems = []
    for check in _REVIEW_CHECKS:
        problems.extend(check(item))
    return problems
