"""Mark every stored 通报 whose DOCX and PDF list findings of units outside its issuer and the units below it.

Before 2026-12 a 通报 listed every open finding in the issuing staff member's scope, whatever organization it
was issued in the name of: one in a unit's name held other units' findings. Its files are issued 公文 (a 文号,
SHA-256 in the audit log, gongkai.letters refuses to change them), so they are not rewritten and no new 文号 is
taken behind the 政务公开办's back: the notice is marked, its files are then served only to whoever may see
every finding they list (services.notice_file_refusal) and it can no longer be published; each mark is
written to the audit log. The subtree is the organization tree at migration time, the nearest to the time
of issue that is known."""

from django.db import migrations, models

ACTION = "inspection.notice_withheld"


def _subtree(parents: dict[int, int | None], root: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for org_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(org_id)
    found, stack = set(), [root]
    while stack:
        org_id = stack.pop()
        if org_id not in found:
            found.add(org_id)
            stack.extend(children.get(org_id, []))
    return found


def mark(apps, schema_editor):
    Notice = apps.get_model("inspection", "Notice")
    Organization = apps.get_model("organizations", "Organization")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    parents = dict(Organization.objects.values_list("id", "parent_id"))
    for notice in Notice.objects.select_related("document").iterator(chunk_size=200):
        listed = set(notice.findings.values_list("organization_id", flat=True))
        outside = listed - _subtree(parents, notice.organization_id)
        if not outside:
            continue
        Notice.objects.filter(pk=notice.pk).update(lists_other_units=True)
        names = list(Organization.objects.filter(pk__in=outside).order_by("sort_order", "id")
                     .values_list("name", flat=True))
        number = notice.document.doc_number if notice.document_id else ""
        AuditEvent.objects.create(
            actor=None, actor_name="系统", action=ACTION, object_type="inspection.notice", object_id=str(notice.pk),
            object_repr=notice.title[:300], organization_id=notice.organization_id,
            changes={"lists_other_units": [False, True]},
            note=(f"{number}的文件列有发文机关及其下级以外{len(outside)}个单位的问题（{'、'.join(names[:10])}"
                  f"{'等' if len(names) > 10 else ''}），只向能查看其中全部问题的人员提供下载，不再生成公开信息"
                  + (f"；已生成的公开信息（编号{notice.item_id}）附有该文件，请核实" if notice.item_id else "")
                  + "。"))


class Migration(migrations.Migration):

    dependencies = [
        ('inspection', '0004_field_verbose_names'),
        ('audit', '0002_list_indexes'),
        ('organizations', '0003_party_kind'),
    ]

    operations = [
        migrations.AddField(
            model_name='notice',
            name='lists_other_units',
            field=models.BooleanField(default=False, help_text='在通报范围限于发文机关及其下级单位之前生成；文件只向能查看其中全部问题的人员提供。', verbose_name='文件含发文机关及其下级以外单位的问题'),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
