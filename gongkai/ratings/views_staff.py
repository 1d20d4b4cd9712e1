"""Staff pages of 好差评 (/staff/ratings/): the import batches and the import form.

The 政务公开办 (ratings.import) sees every batch; a unit (ratings.view on it) only the batches that added its
evaluations or filled in their 整改情况 (ImportBatch.organizations), and the count of its own 差评 without
整改情况. A batch's page shows what it did and the rows whose 整改情况 was not overwritten (a unit: its own).
A unit's counts are its own (`_own_counts`): a file holds every unit's evaluations, and its totals are not the
unit's to see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Func, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.organizations.models import Organization
from gongkai.ratings import reimport, services
from gongkai.ratings.forms import ImportForm
from gongkai.ratings.models import Evaluation, ImportBatch


def _scope(request):
    """(can import, the units whose batches the user sees: None for all), or None when the user sees none."""
    if services.can_import(request.user):
        return True, None
    scope = organization_ids_with(request.user, "ratings.view")
    return (False, scope) if scope else None


def _count(evaluations) -> Subquery:
    """The number of `evaluations` (filtered on OuterRef("pk")) as a subquery: an aggregate without GROUP BY."""
    return Subquery(evaluations.order_by().annotate(n=Func(F("id"), function="COUNT")).values("n"),
                    output_field=IntegerField())


def _own_counts(batches, scope):
    """`batches` with `shown_rows` and `shown_updated`: the batch's counts for the 政务公开办 (scope None), for a
    unit those of its own evaluations only — those the file added, and those whose 整改情况 it wrote (and no
    later file replaced)."""
    if scope is None:
        return batches.annotate(shown_rows=F("rows"), shown_updated=F("updated"))
    own = Evaluation.objects.filter(organization_id__in=scope)
    added = own.filter(batch=OuterRef("pk"))
    rectified = own.filter(rectification_batch=OuterRef("pk")).exclude(batch=OuterRef("pk"))
    return batches.annotate(shown_rows=_count(added), shown_updated=_count(rectified))


@staff_required
def batch_list(request):
    access = _scope(request)
    if access is None:
        return forbidden(request, _("好差评记录只有各单位和县政府办公室（政务公开办）可以查看。"))
    can_import, scope = access
    batches = ImportBatch.objects.all()
    if scope is not None:
        batches = batches.filter(organizations__in=scope).distinct()
    return render(request, "ratings/staff/list.html", {
        "batches": _own_counts(batches, scope).select_related("imported_by")[:50], "can_import": can_import,
        "unrectified": services.unrectified_count(scope), "own": scope is not None})


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
                if result.skipped:
                    messages.warning(request, _("%(n)d 条差评的整改情况与已导入的不同，但不能确认更新，未覆盖，见下表。")
                                     % {"n": len(result.skipped)})
                return redirect("ratings_staff:batch", batch_id=result.batch.pk)
    return render(request, "ratings/staff/import.html", {"form": form, "errors": errors})


@staff_required
def batch_detail(request, batch_id: int):
    access = _scope(request)
    if access is None:
        return forbidden(request, _("好差评记录只有各单位和县政府办公室（政务公开办）可以查看。"))
    _can_import, scope = access
    batch = get_object_or_404(_own_counts(ImportBatch.objects.select_related("imported_by"), scope), pk=batch_id)
    units = set(batch.organizations.values_list("pk", flat=True))
    if scope is not None and not units & scope:
        raise Http404  # another unit's batch: as if it did not exist
    skipped = [s for s in batch.skipped if scope is None or s["organization_id"] in scope]
    names = Organization.objects.in_bulk({s["organization_id"] for s in skipped})
    rows = [s | {"organization": names.get(s["organization_id"]), "reason": reimport.describe(s)} for s in skipped]
    shown_units = Organization.objects.filter(pk__in=units if scope is None else units & scope).order_by("name")
    return render(request, "ratings/staff/batch.html", {"batch": batch, "skipped": rows, "units": shown_units,
                                                        "own": scope is not None})
