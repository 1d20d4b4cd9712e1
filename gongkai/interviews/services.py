"""在线访谈 services: the interview and its guests, publication (预告), the public's questions and their
moderation, the text record, and the end of the interview (archive).

A unit's staff (`interaction.manage`) prepare the interview and enter the record; its 审核员 or 单位管理员
(`interaction.publish`) publish it and moderate the questions. The public's questions are rate-limited
per address (requests.spam, bucket 「interview_question」) and shown only once approved.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.forms import (CONTROL_CHARS, DIRECTION_MARKS, date_in_range, date_range_message, is_plain_text,
                                plain_text_message)
from gongkai.core.masking import mask_numbers, personal_number_kind
from gongkai.core.services import ActionRefused
from gongkai.interviews.models import Guest, Interview, Question, Turn

FIELDS = ("title", "summary", "starts_at", "ends_at", "questions_close_at", "video_url", "image_urls")
MAX_QUESTION_CHARS = 500
# Bounds like the other texts' (product rules): the 内容简介, the 现场图片 links (count and length of each),
# one turn of the record (a guest's answer can be long).
MAX_SUMMARY_CHARS = 2000
MAX_IMAGES = 20
MAX_URL_CHARS = 500
MAX_TURN_CHARS = 5000
# Bidirectional formatting characters (LRE … RLO, LRI … PDI, LRM, RLM, ALM): in a nickname, shown inline next to
# the date, \u202e would turn the rest of the line around (「网友\u202e01-21」 reads 「网友12-10」).


def _require(actor, perm: str, organization_id: int) -> None:
    """Refuse unless `actor` holds `perm` in the unit; a missing actor is refused too (every change is someone's)."""
    if actor is None or not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def may_update(actor, interview: Interview) -> bool:
    """A draft is the editors' (interaction.manage); once published a change is public at once without review,
    so it is the 审核员's (interaction.publish)."""
    perm = "interaction.manage" if interview.state == Interview.State.DRAFT else "interaction.publish"
    return has_perm(actor, "interaction.manage", interview.organization_id) and has_perm(
        actor, perm, interview.organization_id)


def may_change_record(actor, interview: Interview) -> bool:
    """The record is the editors' (interaction.manage) while the interview runs and until it is archived; an
    archived record (已结束) was checked by the 审核员 who ended it, and a change is public at once without
    review: it is the 审核员's (interaction.publish), as any change of a published interview (may_update)."""
    perm = "interaction.publish" if interview.state == Interview.State.FINISHED else "interaction.manage"
    return has_perm(actor, "interaction.manage", interview.organization_id) and has_perm(
        actor, perm, interview.organization_id)


def _require_record_change(actor, interview: Interview) -> None:
    _require(actor, "interaction.manage", interview.organization_id)
    if not may_change_record(actor, interview):
        raise ActionRefused(_("访谈已归档，修改实录会立即公开，须由本单位审核员进行。"))


def _plain(text, label: str) -> str:
    """`text` trimmed; refused with a control character (NUL cannot be stored in PostgreSQL, and the RSS feed
    and the page cannot hold the others), as the forms refuse it (core.forms.PlainTextValidator)."""
    text = (text or "").strip()
    if CONTROL_CHARS.search(text):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    return text


def _no_personal_numbers(text: str, label, mobiles: bool = True) -> str:
    """A published field never holds a 居民身份证号码, nor (with `mobiles`: a title, a guest's name and post) a
    personal mobile number (as proposals' published fields): refused, not masked, so what staff read is what is
    published. The 内容简介 may name a unit's contact mobile."""
    kind = personal_number_kind(text)
    if kind == "id":
        raise ActionRefused(_("“%(field)s”不得包含居民身份证号码（该内容向社会公开）。") % {"field": label})
    if kind == "mobile" and mobiles:
        raise ActionRefused(_("“%(field)s”不得包含个人手机号码（该内容向社会公开）。") % {"field": label})
    return text


def _purge(interview: Interview) -> None:
    from gongkai.core import pagecache

    prefix = reverse("interviews:index")
    transaction.on_commit(lambda: pagecache.purge(["/", prefix], [prefix]) if pagecache.enabled() else None)


def _check(data: dict) -> dict:
    title = _no_personal_numbers(_plain(data.get("title"), _("访谈主题")), _("访谈主题"))
    if not title:
        raise ActionRefused(_("请填写访谈主题。"))
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if not isinstance(starts_at, dt.datetime) or not isinstance(ends_at, dt.datetime):
        raise ActionRefused(_("请填写开始时间和结束时间。"))
    if not all(map(date_in_range, (starts_at, ends_at, data.get("questions_close_at")))):
        raise ActionRefused(date_range_message())
    if ends_at <= starts_at:
        raise ActionRefused(_("结束时间须晚于开始时间。"))
    close = data.get("questions_close_at") or starts_at
    if close > ends_at:
        raise ActionRefused(_("网友提问截止时间不能晚于结束时间。"))
    summary = _no_personal_numbers(_plain(data.get("summary"), _("内容简介")), _("内容简介"), mobiles=False)
    if len(summary) > MAX_SUMMARY_CHARS:
        raise ActionRefused(_("内容简介不能超过%(n)d字。") % {"n": MAX_SUMMARY_CHARS})
    # Checked whole before splitting: str.splitlines() also splits at \x0b, \x0c and \x1c–\x1e.
    images = [line.strip() for line in _plain(data.get("image_urls"), _("图片地址")).splitlines() if line.strip()]
    if len(images) > MAX_IMAGES:
        raise ActionRefused(_("图片地址最多%(n)d个。") % {"n": MAX_IMAGES})
    video = _plain(data.get("video_url"), _("视频地址"))
    # The video address is stored in a URLField (its column's length), the images in a text field.
    video_limit = Interview._meta.get_field("video_url").max_length
    for url, limit in ((video, video_limit), *((image, MAX_URL_CHARS) for image in images)):
        if not url:
            continue
        if len(url) > limit:
            raise ActionRefused(_("网址不能超过%(n)d个字符：%(url)s") % {"n": limit, "url": url[:100]})
        if urlsplit(url).scheme != "https" or any(c.isspace() or c == "\\" for c in url):
            raise ActionRefused(_("图片和视频地址须以 https:// 开头：%(url)s") % {"url": url[:100]})
    image_urls = "\n".join(images)
    return {"title": title[:200], "summary": summary, "starts_at": starts_at,
            "ends_at": ends_at, "questions_close_at": close, "video_url": video,
            "image_urls": image_urls}


def _snapshot(interview: Interview) -> dict:
    return {name: str(getattr(interview, name)) for name in FIELDS} | {"state": interview.state}


@transaction.atomic
def create_interview(actor, organization, data: dict, request=None) -> Interview:
    _require(actor, "interaction.manage", organization.id)
    interview = Interview.objects.create(organization=organization, **_check(data))
    record(actor, "interview.create", interview, organization=organization, after=_snapshot(interview), request=request)
    return interview


@transaction.atomic
def update_interview(actor, interview: Interview, data: dict, request=None) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require(actor, "interaction.manage", interview.organization_id)
    if not may_update(actor, interview):
        raise ActionRefused(_("访谈已发布，修改会立即公开，须由本单位审核员进行。"))
    before = _snapshot(interview)
    for name, value in _check(data).items():
        setattr(interview, name, value)
    interview.save()
    record(actor, "interview.update", interview, organization=interview.organization, before=before,
           after=_snapshot(interview), request=request)
    if interview.state != Interview.State.DRAFT:
        _purge(interview)
    return interview


def _require_guest_change(actor, interview: Interview) -> None:
    """The guests are part of the announcement: once published, a change is public at once without review, so
    it is the 审核员's, as any other change of the interview (may_update)."""
    _require(actor, "interaction.manage", interview.organization_id)
    if not may_update(actor, interview):
        raise ActionRefused(_("访谈已发布，修改会立即公开，须由本单位审核员进行。"))


@transaction.atomic
def add_guest(actor, interview: Interview, name: str, post: str, request=None) -> Guest:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_guest_change(actor, interview)
    name = _no_personal_numbers(_plain(name, _("姓名")), _("姓名"))
    post = _no_personal_numbers(_plain(post, _("职务")), _("职务"))
    if not name or not post:
        raise ActionRefused(_("请填写嘉宾的姓名和职务。"))
    position = (interview.guests.aggregate(m=Max("position"))["m"] or 0) + 1
    guest = Guest.objects.create(interview=interview, position=position, name=name[:50], post=post[:100])
    record(actor, "interview.add_guest", interview, organization=interview.organization,
           after={"guest": str(guest)}, request=request)
    _purge(interview)
    return guest


@transaction.atomic
def remove_guest(actor, guest: Guest, request=None) -> None:
    interview = Interview.objects.select_for_update().get(pk=guest.interview_id)
    _require_guest_change(actor, interview)
    if Turn.objects.filter(guest=guest).exists():
        raise ActionRefused(_("实录中有这位嘉宾的发言，不能删除。"))
    record(actor, "interview.remove_guest", interview, organization=interview.organization,
           before={"guest": str(guest)}, after={}, request=request)
    guest.delete()
    _purge(interview)


@transaction.atomic
def publish(actor, interview: Interview, request=None) -> Interview:
    """Announce the interview (预告): its page and question form go public."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require(actor, "interaction.publish", interview.organization_id)
    if interview.state != Interview.State.DRAFT:
        raise ActionRefused(_("访谈已发布。"))
    if not interview.guests.exists():
        raise ActionRefused(_("请先添加访谈嘉宾。"))
    interview.state, interview.published_at = Interview.State.ANNOUNCED, timezone.now()
    interview.save()
    record(actor, "interview.publish", interview, organization=interview.organization,
           before={"state": Interview.State.DRAFT}, after={"state": interview.state}, request=request)
    _purge(interview)
    return interview


@transaction.atomic
def finish(actor, interview: Interview, request=None) -> Interview:
    """End the interview: no more questions; its page stays in the archive with the record."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require(actor, "interaction.publish", interview.organization_id)
    if interview.state != Interview.State.ANNOUNCED:
        raise ActionRefused(_("只有已发布的访谈才能结束。"))
    if not interview.turns.exists():
        raise ActionRefused(_("请先录入访谈实录。"))
    if timezone.now() < interview.starts_at:
        raise ActionRefused(_("访谈尚未开始。"))
    interview.state = Interview.State.FINISHED
    interview.save()
    record(actor, "interview.finish", interview, organization=interview.organization,
           before={"state": Interview.State.ANNOUNCED}, after={"state": interview.state}, request=request)
    _purge(interview)
    return interview


# --- The public's questions -------------------------------------------------------------------------------------


@transaction.atomic
def submit_question(interview: Interview, nickname: str, text: str) -> Question:
    """A visitor's question (anonymous; the view has counted the rate limit). Shown once approved."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if not interview.accepts_questions:
        raise ActionRefused(_("本期访谈已停止接收网友提问。"))
    text = mask_numbers((text or "").strip())
    if not text:
        raise ActionRefused(_("请填写您的问题。"))
    if not is_plain_text(text):  # control or bidi characters: published once adopted (as the form refuses them)
        raise ActionRefused(plain_text_message(_("您的问题")))
    if len(text) > MAX_QUESTION_CHARS:
        raise ActionRefused(_("问题不能超过%(n)d个字。") % {"n": MAX_QUESTION_CHARS})
    nickname = (nickname or "").strip()
    if DIRECTION_MARKS.search(nickname):
        raise ActionRefused(_("网名不能包含改变文字方向的控制字符，请只填写文字。"))
    return Question.objects.create(interview=interview, nickname=mask_numbers(nickname)[:30], text=text)


@transaction.atomic
def moderate(actor, question: Question, approve: bool, request=None) -> Question:
    question = Question.objects.select_for_update().select_related("interview").get(pk=question.pk)
    interview = question.interview
    _require(actor, "interaction.publish", interview.organization_id)
    if not approve and Turn.objects.filter(question=question).exists():
        # Its text is in the public record: rejecting it would hide the question but not what was said.
        raise ActionRefused(_("实录中引用了这条网友提问，不能不予采用；如需撤下，请先删除引用它的实录。"))
    before = {"state": question.state}
    question.state = Question.State.APPROVED if approve else Question.State.REJECTED
    question.moderated_at = timezone.now()
    question.save()
    record(actor, "interview.moderate", interview, organization=interview.organization, before=before,
           after={"state": question.state, "question": question.pk}, request=request)
    _purge(interview)
    return question


# --- The text record ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_turn(actor, interview: Interview, data: dict, request=None) -> Turn:
    """One turn of the record, appended (live) or added afterwards in order."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_record_change(actor, interview)
    if interview.state == Interview.State.DRAFT:
        raise ActionRefused(_("请先发布访谈，再录入实录。"))
    # Published at once: an ID or mobile number in it (a citizen's question retyped, a caller's number read out)
    # is stored masked, as the public's questions are (submit_question); a unit's landline stays.
    text = mask_numbers(_plain(data.get("text"), _("发言内容")))
    if not text:
        raise ActionRefused(_("请填写发言内容。"))
    if len(text) > MAX_TURN_CHARS:
        raise ActionRefused(_("发言内容不能超过%(n)d字，可分为几段录入。") % {"n": MAX_TURN_CHARS})
    speaker = data.get("speaker")
    if speaker not in Turn.Speaker.values:
        raise ActionRefused(_("请选择发言人。"))
    guest, question = data.get("guest"), data.get("question")
    if speaker == Turn.Speaker.GUEST:
        if guest is None or guest.interview_id != interview.pk:
            raise ActionRefused(_("请选择回答问题的嘉宾。"))
        question = None
    else:
        guest = None
        if question is not None:
            # Locked as moderate() locks it: a rejection running at the same time either sees this turn
            # (and refuses) or has committed first (and this finds the question no longer approved).
            question = Question.objects.select_for_update().filter(pk=question.pk, interview=interview,
                                                                   state=Question.State.APPROVED).first()
            if question is None:
                raise ActionRefused(_("只能引用本期访谈已采用的网友提问。"))
        if speaker == Turn.Speaker.HOST:
            question = None
    position = (interview.turns.aggregate(m=Max("position"))["m"] or 0) + 1
    turn = Turn.objects.create(interview=interview, position=position, speaker=speaker, guest=guest,
                               question=question, text=text)
    record(actor, "interview.add_turn", interview, organization=interview.organization,
           after={"turn": turn.position, "speaker": speaker, "text": text}, request=request)
    _purge(interview)
    return turn


@transaction.atomic
def remove_turn(actor, turn: Turn, request=None) -> None:
    interview = Interview.objects.select_for_update().get(pk=turn.interview_id)
    _require_record_change(actor, interview)
    record(actor, "interview.remove_turn", interview, organization=interview.organization,
           before={"turn": turn.position, "text": turn.text[:200]}, after={}, request=request)
    turn.delete()
    _purge(interview)


# --- Reading -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchableInterview:
    title: str
    url: str
    published_on: dt.date
    unit: str


def search_interviews(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableInterview]:
    terms = [t for t in terms if t]
    if not terms:
        return []
    found = Interview.objects.public()
    if organization_ids is not None:
        found = found.filter(organization_id__in=list(organization_ids))
    for term in terms:
        found = found.filter(Q(title__icontains=term) | Q(summary__icontains=term) | Q(turns__text__icontains=term))
    return [SearchableInterview(i.title, reverse("interviews:detail", kwargs={"interview_id": i.pk}),
                                timezone.localdate(i.starts_at), i.organization.name)
            for i in found.distinct().select_related("organization").order_by("-starts_at")[:limit]]
