"""Feeds and sitemaps, mounted at the site root outside i18n_patterns (their URLs never change)."""

from django.urls import path

from gongkai.feeds import feeds, views

app_name = "feeds"

urlpatterns = [
    path("feeds/latest.rss", feeds.LatestFeed(), name="latest_rss"),
    path("feeds/latest.atom", feeds.LatestAtomFeed(), name="latest_atom"),
    path("feeds/org/<int:org_id>.rss", feeds.OrganizationFeed(), name="org_rss"),
    path("feeds/org/<int:org_id>.atom", feeds.OrganizationAtomFeed(), name="org_atom"),
    path("feeds/node/<int:node_id>.rss", feeds.NodeFeed(), name="node_rss"),
    path("feeds/node/<int:node_id>.atom", feeds.NodeAtomFeed(), name="node_atom"),
    path("sitemap.xml", views.sitemap_or_index, name="sitemap"),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap-section"),
]
