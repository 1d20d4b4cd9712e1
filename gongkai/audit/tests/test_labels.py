"""Every audit action the code records has a Chinese label: staff pages never show a raw code."""

import re
from pathlib import Path

from django.utils import translation

from gongkai.audit.labels import ACTION_LABELS, action_label

APPS = Path(__file__).resolve().parents[2]


def recorded_actions() -> set[str]:
    """The action codes written by `audit.services.record` and the apps' wrappers around it."""
    codes = set()
    for path in APPS.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        source, app = path.read_text(encoding="utf-8"), path.relative_to(APPS).parts[0]
        codes |= set(re.findall(r'\brecord\([^,()]+,\s*"([a-z_]+\.[a-z_.]+)"', source))
        codes |= set(re.findall(r'"(admin\.(?:add|change|delete))"', source))
        wrappers = {"requests": (r'\baudit\([^,()]+,\s*"([a-z_]+)"', "request."),
                    "reports": (r'\b_audit\([^,()]+,\s*"([a-z_]+)"', "report."),
                    "publishing": (r'_transition\([^,()]+,\s*[a-z]+,\s*"([a-z_]+)"', "item.")}
        if app in wrappers:
            pattern, prefix = wrappers[app]
            codes |= {prefix + verb for verb in re.findall(pattern, source)}
        if app == "regulations":
            verbs = set(re.findall(r'change_validity\([^,()]+,\s*[a-z]+,\s*"([a-z_]+)"', source))
            verbs |= set(re.findall(r'\("([a-z_]+)",\s*Event\.Kind\.', source))  # APPLY and RELATION_EVENTS
            relation_verbs = set(re.findall(r'Relation\.Kind\.[A-Z_]+:\s*\("([a-z_]+)"', source))
            codes |= {f"regulations.{verb}" for verb in verbs}
            codes |= {f"regulations.{verb}_other" for verb in relation_verbs}
    return codes


def test_every_recorded_action_has_a_label():
    codes = recorded_actions()
    assert {"request.approve_reply", "item.submit", "regulations.repeal_other", "letter.issue"} <= codes
    assert sorted(codes - set(ACTION_LABELS)) == []


def test_labels_are_chinese_with_full_width_punctuation_and_translated_when_shown():
    for code, label in ACTION_LABELS.items():
        text = str(label)
        assert re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z:()]", text), code
    assert action_label("request.approve_reply") == "审核通过答复"
    assert action_label("someapp.new_thing") == "其他操作（someapp.new_thing）"
    with translation.override("en"):
        assert action_label("request.approve_reply") == "Reply approved"


def test_object_types_are_named_never_shown_as_codes():
    from gongkai.audit.labels import object_type_label

    assert object_type_label("requests.ledger") == "申请台账"
    assert object_type_label("requests.requestcase") == "政府信息公开申请"
    assert object_type_label("no.such_thing") == "其他"


def test_audit_labels_do_not_take_over_the_same_words_on_buttons_elsewhere():
    """Django merges every app's catalogue and the audit app's comes early: a label without a context
    would turn 「新建账号」 on the accounts page into "Account created" and 「登记申请」 into "Request registered"."""
    # Not called `gettext` here: makemessages would take these words into the audit catalogue (as fuzzy
    # entries carrying the audit label), the very entries this test keeps out.
    from django.utils.translation import gettext as translated

    with translation.override("en"):
        assert action_label("account.create") == "Account created"
        assert translated("新建账号") == "New account"
        assert action_label("request.register") == "Request registered"
        assert translated("登记申请") == "Register a request"


def _registry_entries():
    """Every label the apps put in the audit registries, with the context it must carry."""
    from gongkai.audit.labels import EXTRA_FIELD_LABELS, OBJECT_TYPE_LABELS

    entries = [(f"action {code}", label, "audit action") for code, label in ACTION_LABELS.items()]
    entries += [(f"object {code}", label, "audit object") for code, label in OBJECT_TYPE_LABELS.items()]
    for key, value in EXTRA_FIELD_LABELS.items():
        label = value[0] if isinstance(value, tuple) else value
        if label:  # ("", "app.model.field") reads the field's own verbose_name
            entries.append((f"field {key}", label, "audit field"))
    return entries


def test_every_audit_label_of_every_app_is_a_lazy_string_with_the_audit_context():
    """The apps that register their own labels (清单, 留言, 征求意见 …) used plain gettext: a label then shares
    its msgid with a button of the same words and one of the two reads wrong in English."""
    from django.utils.functional import Promise
    from django.utils.translation import pgettext

    entries = _registry_entries()
    assert {"action lists.create_list", "action message.faq_create", "object proposals.import"} <= {e[0] for e in entries}
    wrong = [name for name, label, context in entries
             if not isinstance(label, Promise) or len(label._args) != 2 or label._args[0] != context]
    assert wrong == []
    with translation.override("en"):
        assert [name for name, label, context in entries if str(label) != pgettext(context, label._args[1])] == []


def test_object_type_labels_read_as_audit_objects_in_english():
    from gongkai.audit.labels import object_type_label

    with translation.override("en"):
        assert object_type_label("proposals.import") == "Assignment list of suggestions and proposals"
        assert object_type_label("requests.ledger") == "Request ledger"
        assert object_type_label("no.such_thing") == "Other"
