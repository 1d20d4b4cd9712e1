from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRecord(models.Model):
    """Which demo item was created for which key of the plan, so `load_demo` never creates it twice."""

    key = models.CharField(_("演示数据编号"), max_length=40, unique=True)
    item = models.OneToOneField(
        "publishing.InformationItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("政府信息")
    )

    class Meta:
        verbose_name = _("演示数据记录")
        verbose_name_plural = _("演示数据记录")

    def __str__(self):
        return self.key
