"""The 有效性 lifecycle of a normative document as data (diagram: docs/regulations.md).

Each verb names the validities it may start from and the validity it leads to (None: unchanged).
已废止 and 已失效 are final: a document that is no longer in force is replaced by a new one, never revived.
"""

from django.conf import settings

from gongkai.publishing.choices import Validity
from gongkai.workdays.statute import DEFAULT_NORMATIVE_RULES, NORMATIVE_VALIDITY_RULES, NormativeValidityRule

IN_FORCE = frozenset({Validity.VALID, Validity.AMENDED})

TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    # verb: (validities it may start from, validity it leads to)
    "amend": (IN_FORCE, Validity.AMENDED),  # another document amends it (修改)
    "repeal": (IN_FORCE, Validity.REPEALED),  # another document repeals it (废止)
    "replace": (IN_FORCE, Validity.REPEALED),  # a new document replaces it (替代): the old one is repealed
    "lapse": (IN_FORCE, Validity.EXPIRED),  # 有效期 ended without renewal
    "declare_invalid": (IN_FORCE, Validity.EXPIRED),  # 清理: 宣布失效
    "cleanup_repeal": (IN_FORCE, Validity.REPEALED),  # 清理: 废止
    "renew": (IN_FORCE, None),  # 有效期 extended
    "confirm": (IN_FORCE, None),  # 清理: 继续有效
    "mark_to_amend": (IN_FORCE, None),  # 清理: 修改 (still in force until the amending document appears)
}


def target_validity(verb: str, validity: str) -> str | None | bool:
    """The validity after `verb`, the same validity for verbs that keep it, or False when not allowed."""
    sources, target = TRANSITIONS[verb]
    if validity not in sources:
        return False
    return target or validity


def rule() -> NormativeValidityRule:
    """The 有效期 rule of the deployment's province (GONGKAI_NORMATIVE_RULES)."""
    name = getattr(settings, "GONGKAI_NORMATIVE_RULES", DEFAULT_NORMATIVE_RULES)
    try:
        return NORMATIVE_VALIDITY_RULES[name]
    except KeyError as exc:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"GONGKAI_NORMATIVE_RULES={name!r} is not one of {sorted(NORMATIVE_VALIDITY_RULES)}"
        ) from exc
