"""绩效考核 services: create the year's assessment, set its weights, enter 加减分, publish (freeze) it, export
the ranking for the 考核办, and read a unit's own sheet."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.assurance import assessment as figures
from gongkai.assurance.models import Assessment, ManualItem
from gongkai.assurance.services.common import clean_text, require, require_county
from gongkai.audit.services import record, snapshot
from gongkai.core import exports
from gongkai.core.services import ActionRefused

WEIGHTS = ["weight_inspection", "weight_requests", "weight_reports", "weight_workplan", "weight_training",
           "weight_standards", "training_required"]


def _weights(assessment: Assessment, data: dict) -> None:
    for name in WEIGHTS:
        if name in data and data[name] is not None:
            value = int(data[name])
            if not 0 <= value <= 100 or (name == "training_required" and value < 1):
                raise ActionRefused(_("权重须在0到100之间，应参加培训次数至少1次。"))
            setattr(assessment, name, value)
    if sum(getattr(assessment, n) for n in WEIGHTS[:-1]) <= 0:
        raise ActionRefused(_("各项权重不能都为0。"))


@transaction.atomic
def create_assessment(actor, year: int, data: dict | None = None, request=None) -> Assessment:
    county = require_county(actor)
    assessment = Assessment(organization=county, year=year, created_by=actor,
                            title=_("%(org)s%(year)d年度政务公开工作绩效考核") % {"org": county.name, "year": year})
    _weights(assessment, data or {})
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:
        raise ActionRefused(_("%(year)d年度的绩效考核已经建立。") % {"year": year}) from exc
    record(actor, "assurance.assessment_create", assessment, organization=county,
           after=snapshot(assessment, ["year", *WEIGHTS]), request=request)
    return assessment


def _draft(actor, assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require(actor, "assurance.manage", assessment.organization_id, _("只有政务公开办可以开展绩效考核。"))
    if assessment.state != Assessment.State.DRAFT:
        raise ActionRefused(_("考核结果已公布，不能再修改。"))
    return assessment


@transaction.atomic
def update_weights(actor, assessment: Assessment, data: dict, request=None) -> Assessment:
    assessment = _draft(actor, assessment)
    before = snapshot(assessment, WEIGHTS)
    _weights(assessment, data)
    assessment.save()
    record(actor, "assurance.assessment_weights", assessment, organization=assessment.organization, before=before,
           after=snapshot(assessment, WEIGHTS), request=request)
    return assessment


@transaction.atomic
def add_manual_item(actor, assessment: Assessment, organization, points, reason: str, request=None) -> ManualItem:
    assessment = _draft(actor, assessment)
    if organization.pk not in {u.pk for u in figures.assessed_units(assessment)}:
        raise ActionRefused(_("该单位不在本次考核范围内。"))
    try:
        points = Decimal(str(points)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("请填写加减分（如 2 或 -1.5）。")) from None
    if points == 0 or abs(points) > figures.MANUAL_ITEM_LIMIT:
        raise ActionRefused(_("加减分须在-20到20之间且不为0。"))
    reason = clean_text(reason, _("理由"), limit=300)
    # The assessment row is locked (_draft): two posts at once add up against the same net.
    net = sum(ManualItem.objects.filter(assessment=assessment, organization=organization)
              .values_list("points", flat=True), Decimal(0)) + points
    if abs(net) > figures.MANUAL_NET_LIMIT:
        raise ActionRefused(_("该单位的加减分合计不能超出±%(limit)s分（登记后将为%(net)s分），请调整或删除已有的加减分项。")
                            % {"limit": figures.MANUAL_NET_LIMIT, "net": net})
    item = ManualItem.objects.create(assessment=assessment, organization=organization, points=points, reason=reason,
                                     created_by=actor)
    record(actor, "assurance.manual_add", assessment, organization=organization,
           after={"points": str(points), "reason": reason}, request=request)
    return item


@transaction.atomic
def remove_manual_item(actor, item: ManualItem, request=None) -> None:
    assessment = _draft(actor, item.assessment)
    record(actor, "assurance.manual_remove", assessment, organization=item.organization,
           before={"points": str(item.points), "reason": item.reason}, request=request)
    item.delete()


@transaction.atomic
def publish(actor, assessment: Assessment, request=None) -> Assessment:
    """公布: the figures of today are frozen; units see their own sheet from now on."""
    assessment = _draft(actor, assessment)
    sheets = figures.compute(assessment, timezone.localdate())
    assessment.results = [s.as_dict() for s in sheets]
    assessment.state, assessment.published_at = Assessment.State.PUBLISHED, timezone.now()
    assessment.save(update_fields=["results", "state", "published_at"])
    record(actor, "assurance.assessment_publish", assessment, organization=assessment.organization,
           after={"units": len(sheets)}, request=request)
    return assessment


def sheets(assessment: Assessment) -> list[dict]:
    """The ranking as dicts: frozen when published, computed now while the assessment is being worked on; equal
    totals share a rank (`tied`), in the page, a unit's sheet and the export alike."""
    if assessment.state == Assessment.State.PUBLISHED:
        return figures.ranked_rows(assessment.results)
    return figures.ranked_rows([s.as_dict() for s in figures.compute(assessment, timezone.localdate())])


def export_xlsx(actor, assessment: Assessment, request=None) -> bytes:
    """The ranking in the shape a 考核办 receives: title, one row per unit with each part's points, 加减分,
    总分 and 名次, and the basis of each part in 备注."""
    require(actor, "assurance.manage", assessment.organization_id)
    rows = sheets(assessment)
    book = Workbook()
    sheet = book.active
    sheet.title = _("考核结果")
    labels = [p["label"] + f"（{p['weight']}）" for p in rows[0]["parts"]] if rows else []
    header = [_("名次"), _("单位"), *labels, _("基础得分"), _("加减分"), _("总分"), _("备注")]
    exports.set_cell(sheet, 1, 1, assessment.title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    state = _("已公布") if assessment.state == Assessment.State.PUBLISHED else _("考核中，数据截至%(d)s") % {
        "d": timezone.localdate().isoformat()}
    exports.set_cell(sheet, 2, 1, state)
    exports.write_row(sheet, 3, header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for n, row in enumerate(rows, start=4):
        points = [float(p["points"]) if p["points"] is not None else _("不适用") for p in row["parts"]]
        notes = "；".join([p["detail"] for p in row["parts"]] + [f"{m['points']}：{m['reason']}"
                                                                 for m in row["manual_items"]])
        exports.write_row(sheet, n, [row["rank"], row["organization"], *points, float(row["base"]),
                                     float(row["manual"]), float(row["total"]), notes])
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions[sheet.cell(3, len(header)).column_letter].width = 80
    record(actor, "assurance.assessment_export", assessment, organization=assessment.organization, request=request)
    return exports.save(book)


def unit_sheet(assessment: Assessment, organization_id: int) -> dict | None:
    for row in sheets(assessment):
        if row["organization_id"] == organization_id:
            return row
    return None
