from django.urls import path

from gongkai.portal.views import browse, column, display, items, site

app_name = "portal"

urlpatterns = [
    path("", column.home, name="home"),
    path("preferences/", display.preferences, name="preferences"),
    path("wzdt/", site.site_map, name="site_map"),
    path("lxwm/", site.contact, name="contact"),
    path("xxgk/", column.column, name="column"),
    path("xxgk/zt/<str:topic>/", browse.by_topic, name="by_topic"),
    path("xxgk/wz/<str:doc_type>/", browse.by_doc_type, name="by_doc_type"),
    path("xxgk/lm/<str:key>/", browse.by_node_key, name="by_node_key"),
    path("xxgk/<int:org_id>/", column.org_column, name="org_column"),
    path("xxgk/<int:org_id>/guide/", column.guide, name="guide"),
    path("xxgk/<int:org_id>/system/", column.system, name="system"),
    path("xxgk/<int:org_id>/statutory/", column.statutory, name="statutory"),
    path("xxgk/<int:org_id>/node/<int:node_id>/", column.node, name="node"),
    path("xxgk/<int:org_id>/annual-reports/", column.annual_reports, name="annual_reports"),
    path("xxgk/items/<int:item_id>/", items.item_detail, name="item"),
    path("xxgk/items/<int:item_id>/print/", items.item_print, name="item_print"),
    path("xxgk/attachments/<int:attachment_id>/download/", items.attachment_download, name="attachment"),
    path("xxgk/attachments/<int:attachment_id>/image/", items.attachment_image, name="attachment_image"),
]
