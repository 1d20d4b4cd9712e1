"""What 在线访谈 adds to the registries: 我的待办 (questions waiting for moderation), the home panel,
search, audit labels."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.accounts.permissions import organization_ids_with
from gongkai.interviews import services
from gongkai.interviews.models import Interview, Question
from gongkai.portal import panels
from gongkai.workbench import todo

ACTION_LABELS = {
    "interview.create": pgettext_lazy("audit action", "新建在线访谈"),
    "interview.update": pgettext_lazy("audit action", "修改在线访谈"),
    "interview.add_guest": pgettext_lazy("audit action", "添加访谈嘉宾"),
    "interview.remove_guest": pgettext_lazy("audit action", "删除访谈嘉宾"),
    "interview.publish": pgettext_lazy("audit action", "发布在线访谈"),
    "interview.finish": pgettext_lazy("audit action", "结束在线访谈"),
    "interview.moderate": pgettext_lazy("audit action", "审核网友提问"),
    "interview.add_turn": pgettext_lazy("audit action", "录入访谈实录"),
    "interview.remove_turn": pgettext_lazy("audit action", "删除访谈实录"),
}


def todo_groups(user) -> list[todo.Group]:
    org_ids = organization_ids_with(user, "interaction.publish")
    if not org_ids:
        return []
    pending = Question.objects.filter(interview__organization_id__in=org_ids, state=Question.State.PENDING)
    interviews = (Interview.objects.filter(pk__in=pending.values("interview_id")).order_by("starts_at")[:5])
    rows = [todo.Row(label=i.title, url=reverse("interviews_staff:detail", kwargs={"interview_id": i.pk}),
                     note=_("%(n)d条待审核") % {"n": pending.filter(interview=i).count()}) for i in interviews]
    return [todo.Group(_("待审核的网友提问"), rows, pending.count(), reverse("interviews_staff:list"))]


def home_panel(request):
    interviews = list(Interview.objects.public().order_by("-starts_at")[:5])
    if not interviews:
        return None
    now = timezone.now()
    return panels.Panel(_("在线访谈"), reverse("interviews:index"), [
        panels.Entry(i.title, reverse("interviews:detail", kwargs={"interview_id": i.pk}), i.starts_at,
                     i.public_state if i.ends_at > now else "") for i in interviews])


def search_source(terms, organization_ids):
    return services.search_interviews(terms, organization_ids)
