"""Helpers every publishing staff view uses: loading an item the user may see, running a service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from gongkai.accounts.permissions import has_perm
from gongkai.core.services import ActionRefused
from gongkai.publishing.models import Attachment, InformationItem


def get_item(request, item_id: int) -> InformationItem:
    """The item, if the user holds item.view on its organization; otherwise 404.

    404 rather than 403, so that a user of one unit cannot even learn that another unit's
    unpublished item exists.
    """
    item = get_object_or_404(InformationItem.objects.select_related("organization", "created_by"), pk=item_id)
    if not has_perm(request.user, "item.view", item.organization_id):
        raise Http404
    return item


def get_attachment(request, attachment_id: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("item__organization"), pk=attachment_id)
    if not has_perm(request.user, "item.view", attachment.item.organization_id):
        raise Http404
    return attachment


def run_service(request, success_message: str, call) -> bool:
    """Call a service; show its refusal as a message instead of failing. Returns True on success."""
    try:
        call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return False
    messages.success(request, success_message)
    return True


def to_detail(item_id: int):
    return redirect("publishing:detail", item_id=item_id)
