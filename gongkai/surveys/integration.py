"""What 征集调查 adds to the registries: the home panel and audit labels."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.portal import panels
from gongkai.surveys.models import Survey

ACTION_LABELS = {
    "survey.create": pgettext_lazy("audit action", "新建征集调查"),
    "survey.update": pgettext_lazy("audit action", "修改征集调查"),
    "survey.add_question": pgettext_lazy("audit action", "添加调查题目"),
    "survey.remove_question": pgettext_lazy("audit action", "删除调查题目"),
    "survey.publish": pgettext_lazy("audit action", "发布征集调查"),
}


def home_panel(request):
    surveys = list(Survey.objects.public().order_by("-opens_on", "-id")[:5])
    if not surveys:
        return None
    return panels.Panel(_("征集调查"), reverse("surveys:index"), [
        panels.Entry(s.title, reverse("surveys:detail", kwargs={"survey_id": s.pk}), s.opens_on, s.public_state)
        for s in surveys])
