"""POST views that move an item through the workflow. Each calls one service (or, for 审核通过 with
立即/定时发布, two in one transaction); a refusal is shown as a message, never as an error page."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import staff_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.services import ActionRefused
from gongkai.publishing import services
from gongkai.publishing.forms import PublishForm, ReasonForm, ReviewForm
from gongkai.publishing.models import Review
from gongkai.publishing.views.common import get_attachment, get_item, run_service, to_detail
from gongkai.publishing.views.items import detail_context

NO_PERMISSION = gettext_lazy("您没有权限执行此操作（仅限本单位有相应岗位的人员）。")


def _invalid(request, item, **forms):
    messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
    return render(request, "publishing/item_detail.html", detail_context(request, item, review_data=request.POST,
                                                                         **forms))


def _published_message(item) -> str:
    if item.is_scheduled:
        return _("已设置定时发布，将于 %(when)s 在网站公开。索引号：%(no)s。") % {
            "when": date_format(timezone.localtime(item.published_at), "Y-m-d H:i"), "no": item.index_no}
    return _("已发布。索引号：%(no)s。") % {"no": item.index_no}


@staff_required
@require_POST
def item_submit(request, item_id: int):
    item = get_item(request, item_id)
    run_service(request, _("已送审，等待本单位审核员进行保密审查。"),
                lambda: services.submit(request.user, item, request=request))
    return to_detail(item.pk)


@staff_required
@require_POST
def item_review(request, item_id: int):
    item = get_item(request, item_id)
    if not has_perm(request.user, "item.review", item.organization_id):
        messages.error(request, NO_PERMISSION)
        return to_detail(item.pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, review_form=form)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if data["decision"] == Review.Decision.RETURNED:
                services.return_item(request.user, item, data["opinion"], request=request)
                message = _("已退回起草人修改。")
            else:
                item = services.approve(request.user, item, data["opinion"], secrecy_checked=data["secrecy_checked"],
                                        request=request, data=request.POST)
                message = _("审核通过，保密审查记录已保存。")
                if data["publish"] in (ReviewForm.PUBLISH_NOW, ReviewForm.PUBLISH_SCHEDULED):
                    item = services.publish(request.user, item, at=data["publish_at"], request=request)
                    message = f"{message}{_published_message(item)}"
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return to_detail(item.pk)
    messages.success(request, message)
    return to_detail(item.pk)


@staff_required
@require_POST
def item_publish(request, item_id: int):
    item = get_item(request, item_id)
    form = PublishForm(request.POST)
    if not has_perm(request.user, "item.publish", item.organization_id):
        messages.error(request, NO_PERMISSION)
        return to_detail(item.pk)
    if not form.is_valid():
        return _invalid(request, item, publish_form=form)
    try:
        item = services.publish(request.user, item, at=form.cleaned_data["publish_at"], request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _published_message(item))
    return to_detail(item.pk)


def _reasoned(request, item_id: int, verb: str):
    item = get_item(request, item_id)
    perm = {"withdraw": "item.withdraw", "delete": "item.delete"}[verb]
    if not has_perm(request.user, perm, item.organization_id):
        messages.error(request, NO_PERMISSION)
        return to_detail(item.pk)
    form = ReasonForm(request.POST, prefix=verb)
    if not form.is_valid():
        return _invalid(request, item, **{f"{verb}_form": form})
    service, done = {
        "withdraw": (services.withdraw, _("已撤回。页面仍然公开，并向公众显示撤回说明。")),
        "delete": (services.delete, _("已删除。该信息已从网站撤下，记录和修订历史仍然保留。")),
    }[verb]
    run_service(request, done, lambda: service(request.user, item, form.cleaned_data["reason"], request=request))
    return to_detail(item.pk)


@staff_required
@require_POST
def item_withdraw(request, item_id: int):
    return _reasoned(request, item_id, "withdraw")


@staff_required
@require_POST
def item_delete(request, item_id: int):
    return _reasoned(request, item_id, "delete")


@staff_required
@require_POST
def attachment_remove(request, attachment_id: int):
    attachment = get_attachment(request, attachment_id)
    item = attachment.item
    name = attachment.original_name
    if run_service(request, _("附件“%(name)s”已删除。") % {"name": name},
                   lambda: services.remove_attachment(request.user, attachment, request=request)):
        if has_perm(request.user, "item.edit", item.organization_id) or has_perm(
                request.user, "item.edit_published", item.organization_id):
            return redirect("publishing:edit", item_id=item.pk)
    return to_detail(item.pk)


@staff_required
@require_POST
def attachment_replace(request, attachment_id: int):
    """A corrected file in an attachment's place; its text is extracted again for search."""
    attachment = get_attachment(request, attachment_id)
    item, uploaded = attachment.item, request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("请选择用于替换的文件。"))
    else:
        run_service(request, _("附件“%(name)s”已替换。") % {"name": attachment.original_name},
                    lambda: services.replace_attachment(request.user, attachment, uploaded, request=request))
    if has_perm(request.user, "item.edit", item.organization_id) or has_perm(
            request.user, "item.edit_published", item.organization_id):
        return redirect("publishing:edit", item_id=item.pk)
    return to_detail(item.pk)
