"""The 保密审查 before anything is made public (条例第十七条), one rule for every app that publishes.

条例第十七条: 行政机关应当……依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定对拟公开的
政府信息进行审查. The platform records it as a tick (“已依照……进行保密审查”) and the reviewer's opinion; the
app keeps who reviewed and when on its own record (publishing's `Review`, the gazette issue, the audit log).

- `secrecy_refusal(checked, opinion)`: why the review is not complete (None: it is). Services call
  `require_secrecy_review`, which raises `ActionRefused` with that reason and returns the cleaned opinion.
- `SecrecyReviewFields`: the tick and the opinion of a form that publishes; `secrecy_checked_field` and
  `secrecy_opinion_field` for a form that asks for them only on one of its decisions (publishing's 审核).

Used by publishing (审核通过), regulations (清理结果), reports (年报公布) and gazette (公报发布, 补充条目)."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import CONTROL_CHARS, PlainTextValidator
from gongkai.core.services import ActionRefused

# 条例第十七条: the review every publication needs; cited in the messages below.
SECRECY_REVIEW_ARTICLE = _("条例第十七条")
# The longest opinion kept (the gazette stores it in a 1000-character column; every app takes the same).
SECRECY_OPINION_MAX_LENGTH = 1000

NOT_CHECKED = _("公开前必须完成保密审查（%(article)s），请确认已审查。")
NO_OPINION = _("请填写保密审查意见。")
OPINION_TOO_LONG = _("保密审查意见不能超过%(limit_value)s字。")

CHECKED_LABEL = _("已依照《保守国家秘密法》等规定进行保密审查")
CHECKED_HELP = _("确认拟公开的内容不涉及国家秘密、工作秘密、商业秘密和个人隐私。")
OPINION_LABEL = _("保密审查意见")


def not_checked_message() -> str:
    return str(NOT_CHECKED) % {"article": SECRECY_REVIEW_ARTICLE}


def opinion_refusal(opinion) -> str | None:
    """Why an opinion, once given, cannot be recorded (None: it can)."""
    opinion = str(opinion or "").strip()
    if CONTROL_CHARS.search(opinion):
        return _("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": OPINION_LABEL}  # as PlainTextValidator
    if len(opinion) > SECRECY_OPINION_MAX_LENGTH:
        return str(OPINION_TOO_LONG) % {"limit_value": SECRECY_OPINION_MAX_LENGTH}
    return None


def secrecy_refusal(checked, opinion) -> str | None:
    """Why the 保密审查 is not complete: not ticked, no opinion, or an opinion that cannot be kept."""
    if checked is not True:
        return not_checked_message()
    if not str(opinion or "").strip():
        return str(NO_OPINION)
    return opinion_refusal(opinion)


def require_secrecy_review(checked, opinion) -> str:
    """The opinion, stripped, of a complete 保密审查; else `ActionRefused` with the reason."""
    refusal = secrecy_refusal(checked, opinion)
    if refusal:
        raise ActionRefused(refusal)
    return str(opinion).strip()


not_checked_lazy = lazy(not_checked_message, str)


def secrecy_checked_field(required: bool = True, help_text=CHECKED_HELP) -> forms.BooleanField:
    return forms.BooleanField(label=CHECKED_LABEL, required=required, help_text=help_text,
                              error_messages={"required": not_checked_lazy()})


def secrecy_opinion_field(label=OPINION_LABEL, max_length: int = SECRECY_OPINION_MAX_LENGTH,
                          rows: int = 2) -> forms.CharField:
    """The opinion; a `max_length` above the kept maximum only for a field that serves another decision too
    (publishing's 退回 opinion): the approval then checks the maximum through `secrecy_refusal`."""
    field = forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}),
                            error_messages={"required": NO_OPINION, "max_length": OPINION_TOO_LONG})
    # Control characters (NUL included) refused once, with the message of PlainTextMixin.
    field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
    field.validators.append(PlainTextValidator(label))
    return field


class SecrecyReviewFields(forms.Form):
    """The tick and the opinion of a form that makes something public; mix in after the form's own fields."""

    secrecy_checked = secrecy_checked_field()
    opinion = secrecy_opinion_field()
