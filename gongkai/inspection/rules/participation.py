"""公众参与 (gongkai.participation): consultations closed without their 意见收集采纳情况."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import text


class ConsultationOutcomeMissing(Rule):
    code = "consultation_outcome_missing"
    title = gettext_lazy("征求意见结束后未公开意见收集采纳情况")
    indicator = "participation"
    requires_app = "gongkai.participation"

    @property
    def source(self):
        # The period is the site's setting (GONGKAI_CONSULTATION_OUTCOME_WORKDAYS): the page states its value.
        return _("沂源县2020年政务公开工作要点 附件「推进决策公开」：公开征求意见……并及时公开意见收集采纳情况"
                 "（“及时”按截止后%(n)s个工作日计）") % {"n": settings.GONGKAI_CONSULTATION_OUTCOME_WORKDAYS}

    def check(self, context):
        from gongkai.participation.models import Consultation, PublishState
        from gongkai.workdays.calendar import UnknownYearError
        from gongkai.workdays.clocks import consultation_outcome_due

        workdays = settings.GONGKAI_CONSULTATION_OUTCOME_WORKDAYS
        rows = Consultation.objects.filter(organization_id__in=context.organization_ids, state=PublishState.PUBLISHED,
                                           closes_on__lt=context.today, outcome_published_at__isnull=True)
        for consultation in rows.order_by("closes_on", "pk"):
            try:
                due = consultation_outcome_due(consultation.closes_on, workdays)
            except UnknownYearError:
                continue
            if due < context.today:
                yield Hit(consultation.organization_id, f"consultation:{consultation.pk}",
                          text(gettext_noop("征求意见“%(title)s”已于%(closed)s截止，超过%(n)s个工作日（%(due)s）"
                                            "仍未公开意见收集采纳情况。"),
                               title=consultation.title, closed=consultation.closes_on.isoformat(), n=workdays,
                               due=due.isoformat()),
                          {"urls": [reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})],
                           "dates": {"closed": consultation.closes_on.isoformat(), "due": due.isoformat()}})
