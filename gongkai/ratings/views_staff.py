"""Staff pages of 好差评 (/staff/ratings/): the import batches and the import form."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.core.services import ActionRefused
from gongkai.ratings import services
from gongkai.ratings.forms import ImportForm
from gongkai.ratings.models import ImportBatch


@staff_required
def batch_list(request):
    return render(request, "ratings/staff/list.html", {
        "batches": ImportBatch.objects.select_related("imported_by")[:50], "can_import": services.can_import(request.user),
        "unrectified": services.unrectified_count()})


@staff_required
def batch_import(request):
    if not services.can_import(request.user):
        return forbidden(request, _("好差评记录由县政府办公室（政务公开办）导入。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services.MAX_BYTES:
                raise ActionRefused(_("文件过大（上限 10 MB）。"))
            result = services.import_records(request.user, upload.name, upload.read(), request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            if result.errors:
                errors = result.errors
            else:
                messages.success(request, _("已导入 %(n)d 条评价。") % {"n": result.created})
                return redirect("ratings_staff:list")
    return render(request, "ratings/staff/import.html", {"form": form, "errors": errors})
