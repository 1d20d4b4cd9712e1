"""Read-only admin for publishing. Items change only through the staff workbench and its services
(which check permissions, keep revisions and write the audit log); the admin is for looking up."""

from django.contrib import admin

from gongkai.publishing.models import Attachment, IndexSequence, InformationItem, Review


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ["decided_at", "reviewer", "decision", "secrecy_checked", "opinion"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(InformationItem)
class InformationItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "state", "index_no", "published_at"]
    list_filter = ["state", "disclosure_mode", "topic"]
    search_fields = ["title", "index_no", "doc_number"]
    inlines = [ReviewInline, AttachmentInline]


@admin.register(IndexSequence)
class IndexSequenceAdmin(ReadOnlyAdmin):
    list_display = ["organization", "year", "last_serial"]
    list_filter = ["year"]
