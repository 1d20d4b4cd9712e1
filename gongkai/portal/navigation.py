"""The site's main navigation: one list, used by the header of every page and by the 网站地图."""

from typing import NamedTuple

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (label, URL name, the URL namespace whose pages mark the entry as current). Entries whose app is not
# installed (NoReverseMatch) are left out.
MAIN_NAV = (
    (_("首页"), "portal:home", None),
    (_("政府信息公开"), "portal:column", "portal"),
    (_("规范性文件"), "regulations:library", "regulations"),
    (_("政策解读"), "interpretations:list", "interpretations"),
    (_("政府公报"), "gazette:archive", "gazette"),
    (_("依申请公开"), "requests_public:index", "requests_public"),
    (_("公众参与"), "participation:index", "participation"),
    (_("政民互动"), "mailbox:column", "mailbox"),
    (_("惠企政策"), "policies:finder", "policies"),
    (_("重点工作"), "workplan:plans", "workplan"),
)
# (年度报告 is reached from the 「政府信息公开」 column, the home page's entry and its 特色栏目 section, and the 网站地图:
# ten entries are what fits one line at 1366 px.)


# Sections outside the main navigation, listed in the 网站地图 when their app is installed.
MORE_SECTIONS = (
    (_("政府信息公开工作年度报告"), "reports:index"),
    (_("在线访谈"), "interviews:index"),
    (_("征集调查"), "surveys:index"),
    (_("建议提案办理"), "proposals:index"),
    (_("政务服务好差评"), "ratings:index"),
    (_("专题专栏"), "topics:index"),
    (_("基层政务公开标准目录"), "standards:index"),
    (_("政务公开清单"), "lists:index"),
    (_("政务公开负面清单"), "assurance_public:negative_list"),
    (_("政务新媒体矩阵"), "newmedia:matrix"),
    (_("订阅"), "subscriptions:index"),
)


def more_sections() -> list["NavEntry"]:
    entries = []
    for label, url_name in MORE_SECTIONS:
        try:
            entries.append(NavEntry(label, reverse(url_name), False))
        except NoReverseMatch:
            continue
    return entries


# Portal pages that are not part of the 「政府信息公开」 column.
OUTSIDE_COLUMN = {"portal:home", "portal:site_map", "portal:contact"}


class NavEntry(NamedTuple):
    label: str
    url: str
    current: bool


def _where(request) -> tuple[str, str]:
    match = getattr(request, "resolver_match", None) if request is not None else None
    return (match.view_name, match.namespace) if match else ("", "")


def nav_section(request) -> str:
    """Which entry of the main navigation is current, as a short key: the header's navigation is cached
    once per site, language and key (base.html), and computed only when that cache misses."""
    view_name, namespace = _where(request)
    if view_name == "portal:home" or view_name in OUTSIDE_COLUMN:
        return view_name
    return namespace


def main_nav(request) -> list[NavEntry]:
    view_name, namespace = _where(request)
    entries = []
    for label, url_name, section in MAIN_NAV:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        if section is None:
            current = view_name == url_name
        else:
            current = namespace == section and view_name not in OUTSIDE_COLUMN
        entries.append(NavEntry(label, url, current))
    return entries
