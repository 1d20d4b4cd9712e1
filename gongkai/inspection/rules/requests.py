"""依申请公开 (gongkai.requests): replies past their deadline and 备案 past theirs, as the case clocks say."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import text


def _overdue_lines(context, key: str):
    from gongkai.requests.queries import due_rows
    from gongkai.workdays.clocks import DeadlineState

    for row in due_rows(organization_ids=context.organization_ids, today=context.today):
        if row.line.key == key and row.line.state == DeadlineState.OVERDUE:
            yield row


def _evidence(row) -> dict:
    # The tracking number identifies the case; nothing about the applicant is kept in a finding.
    return {"urls": [reverse("requests:detail", kwargs={"case_id": row.case.pk})],
            "dates": {"due": row.line.due.isoformat() if row.line.due else None},
            "case": row.case.tracking_number}


class RequestsOverdue(Rule):
    code = "requests_overdue"
    title = gettext_lazy("依申请公开逾期未答复")
    indicator = "requests"
    source = gettext_lazy("条例第三十三条第二款：收到申请之日起20个工作日内予以答复；需要延长的，延长期限最长不得超过20个工作日")
    requires_app = "gongkai.requests"

    def check(self, context):
        for row in _overdue_lines(context, "reply"):
            yield Hit(row.case.organization_id, f"case:{row.case.pk}",
                      text(gettext_noop("依申请公开申请%(number)s超过答复期限（%(due)s）仍未答复。"),
                           number=row.case.tracking_number, due=row.line.due.isoformat()),
                      _evidence(row))


class FilingsOverdue(Rule):
    code = "filings_overdue"
    title = gettext_lazy("依申请公开办理材料逾期未备案")
    indicator = "filing"
    source = gettext_lazy("沂源县2020年政务公开工作要点§10：办理完结后3日内将办理材料报县大数据发展服务中心备案")
    requires_app = "gongkai.requests"

    def check(self, context):
        for row in _overdue_lines(context, "filing"):
            yield Hit(row.case.organization_id, f"case:{row.case.pk}",
                      text(gettext_noop("依申请公开申请%(number)s办理完结后未在期限（%(due)s）内备案。"),
                           number=row.case.tracking_number, due=row.line.due.isoformat()),
                      _evidence(row))
