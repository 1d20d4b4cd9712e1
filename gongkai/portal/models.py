import re

from django.core.exceptions import ValidationError
from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from gongkai.portal.home_modules import validate_home_modules

DEFAULT_CONAC_IMAGE = "gongkai/conac.svg"


def _asset_url(value: str) -> str:
    """An image setting as a URL: absolute URLs and paths are kept, anything else is a static file."""
    if not value or "://" in value or value.startswith("/"):
        return value
    return static(value)


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
    emblem_url = models.CharField(
        _("网站标识图片"), max_length=300, blank=True,
        help_text=_("页头站名前的图片地址（如经批准可使用的国徽图片，或本站横幅标识）；留空则只显示站名。"),
    )
    conac_url = models.URLField(
        _("党政机关网站标识链接"), max_length=300, blank=True,
        help_text=_("中央编办事业单位登记管理局颁发的党政机关网站标识的核验地址；留空则不显示该标识。"),
    )
    conac_image_url = models.CharField(_("党政机关网站标识图片"), max_length=300, blank=True)
    home_modules = models.JSONField(
        _("首页栏目"), default=list, blank=True,
        help_text=_("留空使用默认栏目。每项包括 title（标题）、nodes（目录栏目代码列表）或 doc_types（文种代码列表）、"
                    "count（条数，可选）。"),
    )

    data_use_statement = models.TextField(
        _("数据使用说明"), max_length=2000, blank=True,
        help_text=_("开放数据接口、接口说明页和订阅（RSS/Atom）所附的数据使用说明，按原文显示。"
                    "留空使用默认说明：依据《中华人民共和国政府信息公开条例》公开，可自由再利用并注明来源（本站名称和网址），"
                    "不暗示政府机关认可，不提供个人信息。"),
    )

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            validate_home_modules(self.home_modules)
        except ValueError as error:
            raise ValidationError({"home_modules": str(error)}) from None

    @property
    def emblem_src(self) -> str:
        return _asset_url(self.emblem_url)

    @property
    def conac_image_src(self) -> str:
        return _asset_url(self.conac_image_url or DEFAULT_CONAC_IMAGE)

    @property
    def police_record_code(self) -> str:
        """The digits of the 公安机关备案号, as beian.gov.cn's record page expects them (recordcode=…)."""
        return "".join(re.findall(r"\d", self.police_number))
