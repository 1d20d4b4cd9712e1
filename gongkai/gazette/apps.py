from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    label = "gazette"
    verbose_name = _("政府公报")

    def ready(self):
        from gongkai.gazette import checks  # noqa: F401  (GONGKAI_GAZETTE_ORGANIZATIONS names real units)

        # Articles with their own text are listed on the search page beside the items (search/extra.py).
        from gongkai.gazette.services import search_articles
        from gongkai.search import extra

        extra.register("gazette_articles", search_articles, kind="gazette")
        # 赠阅发行 (work plan §13): new issues are mailed to the subscribers of the 政府公报.
        from gongkai.subscriptions.registry import register_topic

        register_topic("gazette", _("政府公报"), order=50)
