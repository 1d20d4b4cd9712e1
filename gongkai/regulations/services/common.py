"""What the verbs share: the register's audited fields, the relation kinds' events, the permission check, the
row lock, the lifecycle check and the announcement of a changed page."""


from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.core.services import ActionRefused
from gongkai.regulations.lifecycle import target_validity
from gongkai.regulations.models import Event, NormativeDocument, Relation

DOCUMENT_FIELDS = ["promulgated_on", "effective_from", "expires_on", "legality_reviewer", "legality_reviewed_on",
                   "legality_opinion"]
AUDITED = [*DOCUMENT_FIELDS, "validity", "validity_since", "pending_amendment"]
NORMATIVE_NODE = "art20.1"

RELATION_EVENTS = {
    Relation.Kind.AMENDS: ("amend", Event.Kind.AMENDED),
    Relation.Kind.REPEALS: ("repeal", Event.Kind.REPEALED),
    Relation.Kind.REPLACES: ("replace", Event.Kind.REPLACED),
}

def _require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def _locked(document: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().select_related("item__organization").get(pk=document.pk)


def _check_transition(document: NormativeDocument, verb: str) -> None:
    if target_validity(verb, document.validity) is False:
        raise ActionRefused(
            _("《%(title)s》当前为“%(validity)s”，不能再变更其有效性。")
            % {"title": document.title, "validity": document.get_validity_display()}
        )


def publishing_announce(document: NormativeDocument) -> None:
    """A document's page changed without its item (it lists what it amends, its 有效期至 or 待修改 changed):
    tell search, feeds and the page files, as publishing does for an item (`publishing.events`)."""
    from gongkai.publishing.events import announce

    announce(document.item_id, "updated")
