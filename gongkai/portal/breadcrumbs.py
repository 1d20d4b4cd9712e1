"""Breadcrumb trails of the portal pages. The last crumb is the current page (no link)."""

from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.portal.queries import node_url


class Crumb(NamedTuple):
    label: str
    url: str | None = None


def home_trail() -> list[Crumb]:
    return [Crumb(_("首页"), reverse("portal:home"))]


def column_trail() -> list[Crumb]:
    return [*home_trail(), Crumb(_("政府信息公开"), reverse("portal:column"))]


def organization_trail(organization) -> list[Crumb]:
    return [*column_trail(), Crumb(organization.name, reverse("portal:org_column", args=[organization.id]))]


def catalog_trail(organization, path) -> list[Crumb]:
    """Crumbs down to a catalog node: its section root links to the section page, the rest to node lists."""
    trail = organization_trail(organization)
    return trail + [Crumb(node.shown_name, node_url(node)) for node in path]


def current(trail: list[Crumb], label=None) -> list[Crumb]:
    """End a trail at the current page: `label` is added as the last, unlinked crumb;
    without a label the last crumb loses its link."""
    if label is not None:
        return [*trail, Crumb(label)]
    return [*trail[:-1], Crumb(trail[-1].label)]
