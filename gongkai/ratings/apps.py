from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "gongkai.ratings"
    label = "ratings"
    verbose_name = _("政务服务好差评")

    def ready(self):
        from gongkai.audit import labels
        from gongkai.portal import panels
        from gongkai.ratings import integration

        labels.ACTION_LABELS["ratings.import"] = _("导入好差评记录")
        labels.ACTION_LABELS["ratings.import_refused"] = _("导入好差评记录未成功")
        labels.ACTION_LABELS["ratings.rectify"] = _("补录差评整改情况")
        labels.ACTION_LABELS["ratings.merge_duplicate"] = _("合并重复的好差评记录")
        panels.register(integration.home_panel, watch=("ratings.ImportBatch", "ratings.Evaluation",
                                                           "organizations.Organization"))
