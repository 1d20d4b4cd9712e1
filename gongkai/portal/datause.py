"""The site's 数据使用说明 (data-use statement) for what it offers to be reused: the open API (/api/v1/),
its guide page (/kfjk/) and the feeds (RSS/Atom).

Not a named legal licence: the site's own statement. A site profile may set its own text (站点设置 →
开放数据, shown as written); without one, the default below names the site and its address, so a
province hosting several counties gives each county's data its own source.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from gongkai.portal.sites import current_site_profile

FALLBACK_SITE_NAME = gettext_noop("政府信息公开平台")
DEFAULT_STATEMENT = gettext_noop(
    "本网站（%(site)s，%(url)s）通过开放数据接口和订阅提供的政府信息，依照《中华人民共和国政府信息公开条例》公开。"
    "任何单位和个人均可免费获取、转载和再利用，使用时请注明来源“%(site)s”及网址 %(url)s，并保持内容准确，不得歪曲原意。"
    "再利用不表示政府机关认可使用者或其产品、服务和观点，不得以任何方式暗示此类认可。"
    "涉及个人隐私的信息依法不予公开（条例第十五条）；开放数据接口和订阅不提供申请人、留言人的姓名、证件号码和联系方式等个人信息。"
)


@dataclass(frozen=True)
class DataUse:
    text: str
    site_name: str
    site_url: str
    custom: bool  # the site's own text from its profile (Chinese as written, not translated)


def data_use(request) -> DataUse:
    """The statement for the request's site, in the active language when it is the default text."""
    profile = current_site_profile(request)
    name = profile.name if profile else gettext(FALLBACK_SITE_NAME)
    url = request.build_absolute_uri("/")
    custom = (profile.data_use_statement if profile else "").strip()
    if custom:
        return DataUse(custom, name, url, True)
    return DataUse(gettext(DEFAULT_STATEMENT) % {"site": name, "url": url}, name, url, False)
