"""Staff URLs of publishing, mounted at /staff/items/. Object kwargs are named item_id and
attachment_id (the permission-matrix test fills them by name)."""

from django.urls import path

from gongkai.publishing.views import history, imports, items, transitions

app_name = "publishing"

urlpatterns = [
    path("", items.item_list, name="list"),
    path("new/", items.item_create, name="create"),
    path("import/word/", imports.import_word, name="import_word"),
    path("review/", items.review_queue, name="review_queue"),
    path("<int:item_id>/", items.item_detail, name="detail"),
    path("<int:item_id>/edit/", items.item_edit, name="edit"),
    path("<int:item_id>/submit/", transitions.item_submit, name="submit"),
    path("<int:item_id>/review/", transitions.item_review, name="review"),
    path("<int:item_id>/publish/", transitions.item_publish, name="publish"),
    path("<int:item_id>/withdraw/", transitions.item_withdraw, name="withdraw"),
    path("<int:item_id>/delete/", transitions.item_delete, name="delete"),
    path("<int:item_id>/history/", history.item_history, name="history"),
    path("<int:item_id>/compare/", history.item_compare, name="compare"),
    path("attachments/<int:attachment_id>/remove/", transitions.attachment_remove, name="remove_attachment"),
    path("attachments/<int:attachment_id>/replace/", transitions.attachment_replace, name="replace_attachment"),
    path("attachments/<int:attachment_id>/download/", history.staff_attachment, name="staff_attachment"),
]
