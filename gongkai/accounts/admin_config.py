from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    """django.contrib.admin with Gongkai's site: configuration for superusers only."""

    default_site = "gongkai.accounts.admin_site.GongkaiAdminSite"
