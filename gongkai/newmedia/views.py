"""Public 政务新媒体矩阵 (/xmt/) and the staff register and 同步推送 (/staff/newmedia/)."""

from pathlib import PurePath

import filetype
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.accounts.access import staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import CONTENT_TYPES, IMAGE_MIMES
from gongkai.newmedia import services
from gongkai.newmedia.forms import AccountForm, PushForm
from gongkai.newmedia.models import Account, Platform
from gongkai.publishing.views.common import get_item

HEAD_BYTES = 262  # what filetype needs to recognise an image


@require_safe
def matrix(request):
    accounts = list(services.public_accounts())
    groups = [(label, [a for a in accounts if a.platform == code]) for code, label in Platform.choices]
    return render(request, "newmedia/matrix.html", {"groups": [(label, items) for label, items in groups if items]})


@require_safe
def qr_image(request, account_id):
    account = get_object_or_404(Account.objects.exclude(status=Account.Status.CLOSED), pk=account_id)
    if not account.qr_image:
        raise Http404
    # The type of the content (checked at upload): files stored before JPG and GIF kept their extension were
    # all named .png, so the extension alone would mislabel them.
    handle = account.qr_image.open("rb")
    kind = filetype.guess(handle.read(HEAD_BYTES))
    handle.seek(0)
    extension = PurePath(account.qr_image.name).suffix.lower()
    content_type = kind.mime if kind is not None and kind.mime in IMAGE_MIMES else CONTENT_TYPES.get(extension, "image/png")
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_safe
def account_list(request):
    org_ids = organization_ids_with(request.user, "newmedia.manage")
    accounts = Account.objects.filter(host_id__in=org_ids).select_related("host", "operator")
    return render(request, "newmedia/staff/list.html", {"accounts": accounts, "may_add": bool(org_ids)})


@staff_required
@require_http_methods(["GET", "POST"])
def account_edit(request, account_id=None):
    org_ids = organization_ids_with(request.user, "newmedia.manage")
    account = None
    if account_id is not None:
        account = get_object_or_404(Account, pk=account_id)
        if not has_perm(request.user, "newmedia.manage", account.host_id):
            raise Http404
    elif not org_ids:
        raise Http404
    form = AccountForm(request.POST or None, request.FILES or None, instance=account, organizations=org_ids)
    if request.method == "POST" and form.is_valid():
        try:
            saved, secret = services.save_account(
                request.user, form.cleaned_data, account=account, qr_upload=form.cleaned_data.get("qr_upload"),
                new_secret=form.cleaned_data.get("new_secret"), request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            if secret:
                return render(request, "newmedia/staff/secret.html", {"account": saved, "secret": secret})
            messages.success(request, _("已保存。"))
            return redirect("newmedia_staff:list")
    return render(request, "newmedia/staff/edit.html", {"form": form, "account": account},
                  status=400 if request.method == "POST" else 200)


@staff_required
@require_http_methods(["GET", "POST"])
def push(request, item_id):
    item = get_item(request, item_id)
    if not has_perm(request.user, "newmedia.push", item.organization_id):
        raise Http404
    form = PushForm(request.POST or None, accounts=services.push_accounts(item))
    if request.method == "POST" and form.is_valid():
        try:
            deliveries = services.push(request.user, item, form.cleaned_data["accounts"],
                                       again=form.cleaned_data["again"], request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("已提交 %(count)d 项推送。") % {"count": len(deliveries)})
            return redirect("newmedia_staff:push", item_id=item.pk)
    return render(request, "newmedia/staff/push.html",
                  {"item": item, "form": form, "deliveries": services.deliveries_for(item)},
                  status=400 if request.method == "POST" else 200)
