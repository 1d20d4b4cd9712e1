from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteProfile(models.Model):
    """One public site: a host name, the organization at its root, and its footer identifiers.

    A county install has one; a province hosting its counties has one per county host name.
    The profile with an empty host name is the default for any other host.
    """

    host = models.CharField(_("域名"), max_length=200, blank=True, unique=True,
                            help_text=_("留空表示默认站点。"))
    name = models.CharField(_("网站名称"), max_length=100)
    root_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("本级政府")
    )
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    error_report_url = models.URLField(
        _("“我为政府网站找错”链接"), blank=True, default="https://zfwzgl.www.gov.cn/exposure/jiucuo.html"
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    def __str__(self):
        return self.name
