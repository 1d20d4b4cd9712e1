from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户网站")

    def ready(self):
        from gongkai.portal import fragments, pagecache
        from gongkai.publishing.events import item_changed

        item_changed.connect(pagecache.on_item_changed, dispatch_uid="gongkai.portal.pagecache")
        fragments.connect()
