from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewmediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.newmedia"
    label = "newmedia"
    verbose_name = _("政务新媒体")

    def ready(self):
        from django.urls import reverse

        from gongkai.accounts.permissions import has_perm
        from gongkai.newmedia.services import operator_email
        from gongkai.notifications import addresses
        from gongkai.publishing import extensions

        addresses.register("newmedia.delivery", operator_email)

        def push_link(request, item):
            if item.is_public and has_perm(request.user, "newmedia.push", item.organization_id):
                return [(_("同步推送到政务新媒体"), reverse("newmedia_staff:push", kwargs={"item_id": item.pk}))]
            return []

        extensions.register(extensions.Extension(key="newmedia.push", links=push_link))

        from gongkai.portal import panels

        def subscribe_panel(request):
            # 订阅 and the 政务新媒体矩阵: the two ways to follow the site beside RSS.
            from gongkai.core import i18n
            from gongkai.newmedia.models import Account

            entries = [panels.Entry(title=str(_("邮件订阅：单位、栏目、主题、政府公报、规范性文件")),
                                    url=reverse("subscriptions:index")),
                       panels.Entry(title=str(_("企业订阅涉企政策")),
                                    url=reverse("subscriptions:subscribe", args=["enterprise_policies"]))]
            entries += [panels.Entry(title=f"{a.name}{i18n.left_paren()}{a.get_platform_display()}{i18n.right_paren()}", url=reverse("newmedia:matrix"))
                        for a in Account.objects.filter(status=Account.Status.ACTIVE).order_by("sort_order")[:3]]
            return panels.Panel(title=str(_("订阅与关注")), more_url=reverse("newmedia:matrix"), entries=entries)

        panels.register(subscribe_panel, watch=("newmedia.Account",))
