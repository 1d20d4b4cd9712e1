"""Broken links in published bodies and missing attachment files (国办秘函〔2019〕19号 扣分指标“链接可用性”)."""

import hashlib

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection import linkcheck
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import Text, label, text
from gongkai.publishing.models import Attachment, InformationItem

REASONS = {
    "not_found": gettext_lazy("页面不存在"), "item_not_public": gettext_lazy("指向的信息未公开或已删除"),
    "attachment_not_public": gettext_lazy("指向的附件不存在或未公开"), "file_missing": gettext_lazy("附件文件缺失"),
    "node_not_found": gettext_lazy("指向的栏目不存在"), "organization_not_found": gettext_lazy("指向的机构不存在"),
    "static_missing": gettext_lazy("静态文件不存在"), "media_not_served": gettext_lazy("上传文件目录不对外提供"),
    "relative": gettext_lazy("相对路径链接无法定位"),
}


def reason_text(reason: str) -> str:
    return str(REASONS.get(reason, reason))


def reason_label(reason: str) -> "Text | str":
    """The reason as a finding's title keeps it: a known one translated when shown, another (an HTTP status, a
    network error's name) as it is."""
    return label(REASONS[reason]) if reason in REASONS else reason


class BrokenLinks(Rule):
    code = "broken_links"
    title = gettext_lazy("已公开信息中的链接或附件无法访问")
    indicator = "links"
    source = gettext_lazy("国办秘函〔2019〕19号 扣分指标“链接可用性”：首页及其他页面不能正常访问的链接")

    def check(self, context):
        hosts = linkcheck.internal_hosts()
        external = linkcheck.external_enabled()
        results: dict[str, str | None] = {}
        items = (InformationItem.objects.live(context.now).filter(organization_id__in=context.organization_ids)
                 .only("pk", "title", "organization_id", "body"))
        for item in items.iterator(chunk_size=500):
            for url in linkcheck.links_in(item.body):
                if linkcheck.skipped(url):
                    continue
                internal = linkcheck.is_internal(url, hosts)
                if not internal and not external:
                    continue
                if url not in results:
                    results[url] = linkcheck.check_internal(url) if internal else linkcheck.check_external(url)
                reason = results[url]
                if reason:
                    digest = hashlib.sha1(url.encode()).hexdigest()[:12]
                    yield Hit(item.organization_id, f"item:{item.pk}:{digest}",
                              text(gettext_noop("《%(title)s》中的链接无法访问（%(reason)s）：%(url)s"),
                                   title=item.title[:60], reason=reason_label(reason), url=url[:150]),
                              {"urls": [reverse("portal:item", args=[item.pk]), url], "reason": reason})
        attachments = Attachment.objects.filter(item__in=InformationItem.objects.live(context.now),
                                                item__organization_id__in=context.organization_ids)
        for attachment in attachments.select_related("item").only("pk", "file", "original_name", "item__title",
                                                                  "item__organization_id"):
            if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
                yield Hit(attachment.item.organization_id, f"attachment:{attachment.pk}",
                          text(gettext_noop("《%(title)s》的附件“%(name)s”文件缺失，无法下载。"),
                               title=attachment.item.title[:60], name=attachment.original_name),
                          {"urls": [reverse("portal:item", args=[attachment.item_id]),
                                    reverse("portal:attachment", args=[attachment.pk])], "reason": "file_missing"})
