"""Anti-spam for the public forms, without any third-party service.

- a honeypot field people never see and bots fill in;
- a signed form token: when the form was served (too fast is a bot; too old must be reloaded) and
  the digest of the answer to a simple arithmetic question in Chinese numerals (the answer itself is
  not in the page);
- the token is single-use: its nonce is inserted into a unique column when an application is filed,
  in the same transaction, so a double-click or a replay files nothing the second time;
- a per-client rate limit, counted in the database by a keyed digest of the address (not the address):
  one counter row per fixed window, raised by a conditional UPDATE (hits < limit) that the database
  applies one request at a time, so parallel requests cannot all pass.
"""

import datetime as dt
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.forms.boundfield import BoundField
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import crypto
from gongkai.core.clientip import client_ip
from gongkai.requests.models import Throttle, UsedFormToken

SALT = "gongkai.requests.form-token"
TOKEN_MAX_AGE_SECONDS = 2 * 60 * 60
CHINESE_DIGITS = "零一二三四五六七八九十"
OPERATIONS = (("加", lambda a, b: a + b), ("减", lambda a, b: a - b))
# Limits (overridable in settings for tests and deployments with shared addresses).
DEFAULT_MIN_FILL_SECONDS = 5
DEFAULT_LIMITS = {"apply": (5, 3600), "lookup": (20, 600),  # bucket: (hits, per seconds)
                  # gongkai.participation: comments on a consultation, registrations for hearings and events
                  "comment": (10, 3600), "register": (5, 3600),
                  "interview_question": (5, 3600), "survey": (10, 3600)}  # gongkai.interviews, gongkai.surveys


def min_fill_seconds() -> int:
    return getattr(settings, "GONGKAI_REQUEST_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS)


def _answer_digest(nonce: str, answer: int) -> str:
    return crypto.digest("form-challenge", f"{nonce}:{answer}")


def new_challenge() -> tuple[str, str]:
    """(question, token): e.g. 「七减三等于几？」 and a signed token carrying the time and the answer digest."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    name, operation = OPERATIONS[secrets.randbelow(len(OPERATIONS))]
    if name == "减" and b > a:
        a, b = b, a
    if (translation.get_language() or "zh").startswith("zh"):
        question = f"{CHINESE_DIGITS[a]}{name}{CHINESE_DIGITS[b]}等于几？"
    elif name == "加":  # other languages get digits a reader of that language can answer
        question = _("%(a)d 加 %(b)d 等于几？") % {"a": a, "b": b}
    else:
        question = _("%(a)d 减 %(b)d 等于几？") % {"a": a, "b": b}
    nonce = secrets.token_hex(8)
    token = signing.dumps({"t": time.time(), "n": nonce, "d": _answer_digest(nonce, operation(a, b))}, salt=SALT)
    return question, token


class TokenProblem(Exception):
    pass


class TokenUsed(TokenProblem):
    """The form was submitted already (a double-click, a resent POST): nothing was done the second time."""


def check_token(token: str, answer) -> str:
    """The token's nonce (for `consume_token`); TokenProblem with a Chinese reason when the form was filled
    too fast, is stale or the answer is wrong."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=TOKEN_MAX_AGE_SECONDS)
    except signing.SignatureExpired as exc:
        raise TokenProblem(_("页面已超过2小时未提交，请重新填写验证题后提交。")) from exc
    except signing.BadSignature as exc:
        # Every public view answers a TokenProblem with the posted form and a new question (renew_challenge).
        raise TokenProblem(_("表单已失效，未作任何提交；已为您换了一道验证题，请作答后再次提交。")) from exc
    if time.time() - float(data.get("t", 0)) < min_fill_seconds():
        raise TokenProblem(_("提交过快，请核对填写的内容后再提交。"))
    try:
        value = int(str(answer).strip())
    except (TypeError, ValueError) as exc:
        raise TokenProblem(_("请用阿拉伯数字填写验证题的答案。")) from exc
    if not crypto.same_digest("form-challenge", f"{data.get('n')}:{value}", data.get("d", "")):
        raise TokenProblem(_("验证题的答案不正确。"))
    return str(data.get("n", ""))


def consume_token(nonce: str, repeated: str = "") -> None:
    """Mark the token used; TokenUsed when it already was. Call it inside the transaction that files the
    application: a rollback frees the token again, and a parallel post of the same token waits on the
    unique index and then fails here. `repeated`: the form's own message for a second submit (the
    default speaks of a 依申请公开 application, its number and query code)."""
    if not nonce:
        raise TokenProblem(_("表单已失效，未作任何提交；已为您更新表单，请核对后再次提交。"))
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(nonce=nonce[:32], used_at=timezone.now())
    except IntegrityError as exc:
        raise TokenUsed(repeated or _("这份申请表已经提交过（可能重复点击了提交按钮），未再次提交。"
                                         "请用提交后显示的申请编号和查询码查询；如需提出新的申请，请重新填写。")) from exc


# --- Staff forms: the same single-use token, without the question or the fill-time check -----------------
# A staff form that creates something (a progress report, a numbered 通报) carries a signed nonce; the
# view consumes it in the transaction that creates the row, so a double-click or a resent POST creates
# nothing the second time.

STAFF_SALT = "gongkai.staff-form-token"
STAFF_TOKEN_MAX_AGE_SECONDS = 12 * 60 * 60  # below purge()'s 24 hours: a purged nonce's token has expired


def new_staff_token() -> str:
    return signing.dumps({"n": secrets.token_hex(8)}, salt=STAFF_SALT)


def renew_staff_token(form) -> None:
    """`form` as posted, with a new token to submit it with (its own was stale or forged: nothing was done)."""
    data = form.data.copy()
    data["form_token"] = new_staff_token()
    form.data = data


def consume_staff_token(token: str, repeated: str) -> None:
    """Use a staff form's token inside the transaction that creates the row; TokenProblem with `repeated`
    (what was not done again, in Chinese) when it was used already, or a reason when it is stale or forged."""
    try:
        data = signing.loads(token or "", salt=STAFF_SALT, max_age=STAFF_TOKEN_MAX_AGE_SECONDS)
    # The views answer a stale or forged token with the posted form and a new token (renew_staff_token):
    # the message asks for a second submit, not a reload (which would lose what was typed).
    except signing.SignatureExpired as exc:
        raise TokenProblem(_("页面已打开超过12小时，未作任何保存；已为您更新表单，请核对后再次提交。")) from exc
    except signing.BadSignature as exc:
        raise TokenProblem(_("表单已失效，未作任何保存；已为您更新表单，请核对后再次提交。")) from exc
    consume_token(str(data.get("n", "")), repeated)


def once(form, repeated: str, action):
    """Run `action` in the transaction that uses the staff form's single-use token: a double-click or a resent
    POST does it once. Raises TokenProblem (`repeated`: done already; or a stale or forged token: nothing done)
    or the action's own refusal (the token then stays unused, as the transaction rolls back)."""
    with transaction.atomic():
        consume_staff_token(form.cleaned_data.get("form_token"), repeated)
        return action()


def client_digest(request) -> str:
    return crypto.digest("client-address", client_ip(request))


def allow(request, bucket: str) -> bool:
    """Count one hit; False when the client has used up the bucket's allowance in the current window."""
    limits = getattr(settings, "GONGKAI_REQUEST_RATE_LIMITS", DEFAULT_LIMITS)
    hits, seconds = limits[bucket] if bucket in limits else DEFAULT_LIMITS[bucket]
    now = timezone.now()
    window_start = dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)
    key = {"bucket": bucket, "client_digest": client_digest(request), "window_start": window_start}
    with transaction.atomic():
        Throttle.objects.get_or_create(**key)  # a parallel insert of the same window fails and gets the row
        counted = Throttle.objects.filter(**key, hits__lt=hits).update(hits=F("hits") + 1)
    return counted == 1


def counts_against_allowance(form) -> bool:
    """Whether a posted public form (validated) uses one of the visitor's allowance (`allow`): when it would
    file, or when its question, token or honeypot failed (what a robot gets wrong). A citizen correcting
    their own fields — an ID number, a missing contact — after answering the question is not counted, so
    the mistakes of one application do not lock its writer out for an hour."""
    errors = form.errors
    return not errors or "challenge_answer" in errors or "__all__" in errors or "form_token" in errors


def purge(older_than_seconds: int = 24 * 3600) -> int:
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    deleted, _rows = Throttle.objects.filter(window_start__lt=cutoff).delete()
    used, _rows = UsedFormToken.objects.filter(used_at__lt=timezone.now() - dt.timedelta(
        seconds=max(older_than_seconds, TOKEN_MAX_AGE_SECONDS, STAFF_TOKEN_MAX_AGE_SECONDS))).delete()
    return deleted + used


# The question is a paragraph of the page (`<p id="challenge-question">` in every template that shows it).
CHALLENGE_QUESTION_ID = "challenge-question"


class _ChallengeBoundField(BoundField):
    """The answer field, described by the question, then by what Django links itself (its help text and, when
    the answer was wrong, its error): a fixed aria-describedby on the widget would drop the error."""

    @property
    def aria_describedby(self):
        ids = super().aria_describedby
        return f"{CHALLENGE_QUESTION_ID} {ids}".strip() if self.auto_id and ids is not None else ids


class ChallengeAnswerField(forms.CharField):
    def get_bound_field(self, form, field_name):
        return _ChallengeBoundField(form, self, field_name)


class ChallengeMixin(forms.Form):
    """A public form's anti-spam fields: the question, the signed single-use token (`token_nonce` once
    valid; the view consumes it with `consume_token` in the transaction that saves) and the honeypot."""

    challenge_answer = ChallengeAnswerField(label=gettext_lazy("验证题"), max_length=4)
    form_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(label=gettext_lazy("请勿填写此项"), required=False)  # honeypot

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.question = ""
        if not self.is_bound:
            self.question, self.initial["form_token"] = new_challenge()
        self.fields["challenge_answer"].help_text = _("请用阿拉伯数字作答。")
        # The question describes the answer field (ChallengeAnswerField), so whoever tabs into the field hears
        # it, not only 「验证题」 (WCAG 1.3.1), and after a wrong answer the error too (WCAG 3.3.1).
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def renew_challenge(self):
        self.question, token = new_challenge()
        data = self.data.copy()
        data["form_token"], data["challenge_answer"] = token, ""
        self.data = data

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("提交未被接受，请刷新页面后重试。"))
        try:
            self.token_nonce = check_token(self.data.get("form_token"), self.data.get("challenge_answer"))
        except TokenProblem as problem:
            self.add_error("challenge_answer", str(problem))
        return data
