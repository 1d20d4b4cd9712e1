"""Superusers' changes in the Django admin go to the audit log like every other staff action."""

from gongkai.audit.services import record, snapshot


class AuditedAdminMixin:
    """Mix into a ModelAdmin: records admin.add / admin.change / admin.delete with before → after,
    for the object and for the objects of its inlines."""

    def audit_organization(self, obj):
        """The organization an event about `obj` belongs to (None: visible to supervisors only)."""
        return getattr(obj, "organization", None)

    def _before(self, obj) -> dict:
        if obj.pk is None:
            return {}
        current = type(obj)._default_manager.filter(pk=obj.pk).first()
        return snapshot(current) if current is not None else {}

    def save_model(self, request, obj, form, change):
        before = self._before(obj) if change else {}
        super().save_model(request, obj, form, change)
        record(request.user, "admin.change" if change else "admin.add", obj,
               organization=self.audit_organization(obj), before=before, after=snapshot(obj), request=request)

    def delete_model(self, request, obj):
        record(request.user, "admin.delete", obj, organization=self.audit_organization(obj),
               before=snapshot(obj), after={}, request=request)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(request.user, "admin.delete", obj, organization=self.audit_organization(obj),
                   before=snapshot(obj), after={}, request=request)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        initial = {f.instance.pk: dict(f.initial) for f in formset.forms if f.instance.pk is not None}
        deleted = [(obj, snapshot(obj), self.audit_organization(obj)) for obj in
                   [f.instance for f in formset.deleted_forms if f.instance.pk is not None]]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, "admin.add", obj, organization=self.audit_organization(obj),
                   after=snapshot(obj), request=request)
        for obj, fields in formset.changed_objects:
            before = {f: initial.get(obj.pk, {}).get(f) for f in fields}
            record(request.user, "admin.change", obj, organization=self.audit_organization(obj),
                   before=before, after=snapshot(obj, fields), request=request)
        for obj, before, organization in deleted:
            record(request.user, "admin.delete", None, object_type=obj._meta.label_lower, object_repr=str(obj),
                   organization=organization, before=before, after={}, request=request)
