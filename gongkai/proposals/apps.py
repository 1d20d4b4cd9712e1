from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = _("建议提案办理")

    def ready(self):
        from gongkai.audit import labels
        from gongkai.portal import panels
        from gongkai.proposals import api, integration  # noqa: F401  (api registers its endpoints)
        from gongkai.search import extra, kinds
        from gongkai.workbench import todo

        labels.ACTION_LABELS.update(integration.ACTION_LABELS)
        labels.OBJECT_TYPE_LABELS["proposals.import"] = pgettext_lazy("audit object", "建议提案交办清单")
        todo.register(integration.todo_groups)
        panels.register(integration.home_panel, watch=("proposals.Proposal",))
        kinds.register("proposal", _("建议提案复文"), lambda item_ids: set())
        extra.register("proposal_replies", integration.search_source, kind="proposal")
