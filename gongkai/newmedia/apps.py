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
        from gongkai.publishing import item_links

        addresses.register("newmedia.delivery", operator_email)

        def push_link(request, item):
            if item.is_public and has_perm(request.user, "newmedia.push", item.organization_id):
                return [(_("同步推送到政务新媒体"), reverse("newmedia_staff:push", kwargs={"item_id": item.pk}))]
            return []

        item_links.register(push_link)
