"""A checked sheet's rows between the 「批量导入」 preview and the import.

They were kept in the session: a sheet of 500 rows with their 正文 made every request of that staff member
read and write megabytes of session data (SESSION_SAVE_EVERY_REQUEST), and the session table held draft
texts of every unit. Now the session holds only a random token; the rows wait here, bound to the user who
uploaded them and the unit chosen, until imported, replaced by a new upload or expired (pending.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    # The SHA-256 of the token the session holds: a copy of the database gives no usable token.
    token_digest = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("上传人"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("发布机构"))
    # [{"number", "data", "node_ids", "node_paths", "errors"}], as sheet.Row.
    rows = models.JSONField(_("表格各行"), default=list)
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("待导入的表格")
        verbose_name_plural = _("待导入的表格")

    def __str__(self):
        return f"{self.organization} · {self.created_at:%Y-%m-%d %H:%M}"
