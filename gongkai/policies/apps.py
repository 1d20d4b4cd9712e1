from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = _("涉企政策")

    def ready(self):
        from gongkai.policies import api, hooks  # noqa: F401  (registers /api/v1/enterprise-policies)
        from gongkai.portal import panels
        from gongkai.publishing import extensions
        from gongkai.search import kinds
        from gongkai.workbench import todo

        extensions.register(extensions.Extension(
            key="policies.enterprise_policy", section="policies/includes/item_section.html",
            review_check=hooks.review_problems))
        panels.register(hooks.home_panel, watch=("policies.EnterprisePolicy", "publishing.InformationItem"))
        todo.register(hooks.todo_groups)
        kinds.register("enterprise_policy", _("涉企政策"), hooks.policy_item_ids)
        if apps.is_installed("gongkai.subscriptions"):
            from gongkai.subscriptions import registry

            # send_digest announces per issuing unit (key = unit id): an enterprise follows one unit or all.
            registry.register_topic("enterprise_policies", _("涉企政策季度推送"), hooks.subscription_units, order=90,
                                    scoped=True)
