"""Staff pages of 好差评 (/staff/ratings/): the import batches and the import form.

The 政务公开办 (ratings.import) sees every batch; a unit (ratings.view on it) only the batches holding its
evaluations, and the count of its own 差评 without 整改情况."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.ratings import services
from gongkai.ratings.forms import ImportForm
from gongkai.ratings.models import ImportBatch


@staff_required
def batch_list(request):
    can_import = services.can_import(request.user)
    if can_import:
        batches, scope = ImportBatch.objects.all(), None
    else:
        scope = organization_ids_with(request.user, "ratings.view")
        if not scope:
            return forbidden(request, _("好差评记录只有各单位和县政府办公室（政务公开办）可以查看。"))
        batches = ImportBatch.objects.filter(evaluations__organization_id__in=scope).distinct()
    return render(request, "ratings/staff/list.html", {
        "batches": batches.select_related("imported_by")[:50], "can_import": can_import,
        "unrectified": services.unrectified_count(scope)})


def _refused(request, upload, reason: str) -> None:
    """A failed import is audited too (who tried which file, and why it was refused); nothing was stored."""
    record(request.user, "ratings.import_refused", None, object_type="ratings.importbatch",
           object_repr=(upload.name or "")[:200], note=reason[:500], request=request)


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
            check_table(upload)
            result = services.import_records(request.user, upload.name, upload.read(), request=request)
        except ValidationError as exc:  # check_table
            form.add_error(None, " ".join(exc.messages))
            _refused(request, upload, " ".join(exc.messages))
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
            _refused(request, upload, exc.reason)
        else:
            if result.errors:
                errors = result.errors
                _refused(request, upload, _("%(n)d 处错误，未导入。") % {"n": len(errors)})
            else:
                messages.success(request, _("已导入 %(n)d 条评价，补录 %(u)d 条差评的整改情况，%(s)d 条已导入过且无变化（跳过）。")
                                 % {"n": result.created, "u": result.updated, "s": result.unchanged})
                return redirect("ratings_staff:list")
    return render(request, "ratings/staff/import.html", {"form": form, "errors": errors})
