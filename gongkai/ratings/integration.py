"""The 好差评 home panel: last month's 好评率 of the county and the departments with 差评."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.portal import panels
from gongkai.ratings import services


def home_panel(request):
    months = services.months()
    if not months:
        return None
    month = months[0]
    rows, county = services.monthly_rows(month)
    url = reverse("ratings:month", kwargs={"year": month.year, "month": month.month})
    entries = [panels.Entry(_("%(y)d年%(m)d月 全县好评率 %(rate)s（%(n)d条评价）") % {
        "y": month.year, "m": month.month, "rate": county.rate, "n": county.total}, url)]
    for row in sorted(rows, key=lambda r: r.bar)[:3]:
        entries.append(panels.Entry(_("%(org)s 好评率 %(rate)s") % {"org": row.organization.name, "rate": row.rate}, url))
    return panels.Panel(_("政务服务好差评"), reverse("ratings:index"), entries)
