from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from gongkai.catalog.models import CatalogNode
        from gongkai.organizations.models import Organization
        from gongkai.search import facets, signals  # noqa: F401  (connects the publishing listener)

        for model in (Organization, CatalogNode):  # facet labels kept by each process (facets.py)
            for verb, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(facets.forget_names, sender=model,
                               dispatch_uid=f"gongkai.search.names.{model.__name__}.{verb}")
