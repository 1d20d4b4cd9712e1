from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = _("政府信息公开目录")

    def ready(self):
        from gongkai.catalog import signals  # noqa: F401  (a new organization gets its catalog, a changed kind its own)
