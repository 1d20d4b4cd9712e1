from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    name = "gongkai.lists"
    label = "lists"
    verbose_name = _("清单")

    def ready(self):
        from django.db.models.signals import post_migrate

        from gongkai.audit import labels
        from gongkai.feeds import sitemaps
        from gongkai.lists import api, hooks, registry  # noqa: F401  (api registers its endpoints)
        from gongkai.portal import panels
        from gongkai.search import extra, kinds
        from gongkai.workbench import todo

        # The built-in list types are rows of ListType, loaded from the registry after every migrate.
        post_migrate.connect(hooks.load_types_after_migrate, sender=self)
        # Rows of published versions beside the items on the search page (search/extra.py).
        kinds.register(hooks.SEARCH_KIND, _("清单"), lambda item_ids: set())
        extra.register("list_rows", hooks.search_rows, kind=hooks.SEARCH_KIND)
        panels.register(hooks.home_panel, watch=("lists.Version", "lists.DisclosureList"))
        todo.register(hooks.todo_groups)
        sitemaps.register("lists", hooks.ListSitemap)
        labels.ACTION_LABELS.update(hooks.ACTION_LABELS)
