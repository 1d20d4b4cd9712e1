from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationsConfig(AppConfig):
    name = "gongkai.regulations"
    label = "regulations"
    verbose_name = _("规范性文件")

    def ready(self):
        # The type facet of the search page (search/kinds.py): items that are 规范性文件.
        from gongkai.search import kinds

        def ids_of(item_ids):
            from gongkai.regulations.models import NormativeDocument

            return set(NormativeDocument.objects.filter(item_id__in=item_ids).values_list("item_id", flat=True))

        kinds.register("normative", _("规范性文件"), ids_of)

        # Subscribers of 规范性文件 are mailed new documents and changes of validity (subscriptions.py).
        from gongkai.publishing.events import item_changed
        from gongkai.regulations import subscriptions
        from gongkai.subscriptions.registry import register_topic

        register_topic(subscriptions.KIND, _("规范性文件"), order=60)
        item_changed.connect(subscriptions.on_item_changed, dispatch_uid="regulations.subscriptions")

        # An edit of a registered document's item through publishing keeps the register's date rules.
        from gongkai.publishing import extensions
        from gongkai.regulations.dates import check_item_dates

        extensions.register(extensions.Extension(key="regulations.dates", item_change=check_item_dates))

        # Search and the open API show the state the pages show: 尚未施行 before the 施行日期 (status.py).
        from gongkai.publishing import validity
        from gongkai.regulations.status import (
            NOT_YET,
            NOT_YET_LABEL,
            public_states,
            state_changed,
            state_changed_each,
        )

        validity.register(NOT_YET, NOT_YET_LABEL, public_states, key="regulations", changed_of=state_changed,
                          changed_each=state_changed_each)

        # Cached pages stop saying 尚未施行 on the day a document takes effect (portal/fragments.py).
        from gongkai.portal import fragments
        from gongkai.regulations.status import next_change

        fragments.register_moment(next_change)
