from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationsConfig(AppConfig):
    name = "gongkai.interpretations"
    label = "interpretations"
    verbose_name = _("政策解读")

    def ready(self):
        # The type facet of the search page (search/kinds.py): items that are 政策解读.
        from gongkai.search import kinds

        def ids_of(item_ids):
            from gongkai.interpretations.models import Interpretation

            return set(Interpretation.objects.filter(item_id__in=item_ids).values_list("item_id", flat=True))

        kinds.register("interpretation", _("政策解读"), ids_of)
