from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RatingsConfig(AppConfig):
    name = "gongkai.ratings"
    label = "ratings"
    verbose_name = _("政务服务好差评")

    def ready(self):
        from gongkai.audit import labels
        from gongkai.portal import panels
        from gongkai.ratings import integration

        labels.ACTION_LABELS["ratings.import"] = pgettext_lazy("audit action", "导入好差评记录")
        labels.ACTION_LABELS["ratings.import_refused"] = pgettext_lazy("audit action", "导入好差评记录未成功")
        labels.ACTION_LABELS["ratings.rectify"] = pgettext_lazy("audit action", "补录差评整改情况")
        labels.ACTION_LABELS["ratings.merge_duplicate"] = pgettext_lazy("audit action", "合并重复的好差评记录")
        panels.register(integration.home_panel, watch=("ratings.ImportBatch", "ratings.Evaluation",
                                                           "organizations.Organization"))
