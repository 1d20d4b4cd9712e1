from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import CatalogNode, PublicationRule
from gongkai.catalog.services import MAX_DESCRIPTION, MAX_EXPECTED_UPDATE_DAYS, statutory_rule, tree
from gongkai.core.forms import PlainTextMixin

DAYS_HELP = _("超过该天数未更新即为栏目更新不及时；留空表示按需更新。")


def _days_field():
    return forms.IntegerField(label=_("应更新周期（天）"), required=False, min_value=1,
                              max_value=MAX_EXPECTED_UPDATE_DAYS, help_text=DAYS_HELP)


class AddNodeForm(PlainTextMixin, forms.Form):
    """A unit's own node. The parent list holds only this organization's nodes, so a forged id from
    another unit is refused as an invalid choice. Names and descriptions refuse control characters
    (PlainTextMixin): both are published in the unit's 公开目录."""

    parent = forms.ModelChoiceField(queryset=CatalogNode.objects.none())  # replaced in __init__
    name = forms.CharField(label=_("栏目名称"), max_length=100)
    description = forms.CharField(label=_("说明"), required=False, max_length=MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    expected_update_days = _days_field()

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        ordered = tree(organization)
        field = forms.ModelChoiceField(label=_("上级栏目"), empty_label=None,
                                       queryset=CatalogNode.objects.filter(organization=organization))
        # The choices in tree order, indented by depth (a select cannot nest deeper than one optgroup).
        field.choices = [(node.pk, "\u3000" * depth + node.name) for node, depth in ordered]
        self.fields["parent"] = field
        self.order_fields(["parent", "name", "description", "expected_update_days"])


class EditNodeForm(PlainTextMixin, forms.Form):
    name = forms.CharField(label=_("栏目名称"), max_length=100)
    description = forms.CharField(label=_("说明"), required=False, max_length=MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    expected_update_days = _days_field()
    publication_rule = forms.ChoiceField(
        label=_("公开期限"), required=False,
        choices=[("", _("条例第二十六条：自形成或者变更之日起20个工作日内"))] + PublicationRule.choices,
        help_text=CatalogNode._meta.get_field("publication_rule").help_text,
    )

    def __init__(self, *args, node: CatalogNode, **kwargs):
        kwargs.setdefault("initial", {
            "name": node.name, "description": node.description, "expected_update_days": node.expected_update_days,
            "publication_rule": node.publication_rule,
        })
        super().__init__(*args, **kwargs)
        if node.is_builtin:
            # Built-in nodes keep their statutory name: shown, not submitted.
            self.fields["name"].disabled = True
            self.fields["name"].help_text = _("内置栏目的名称依据条例和上级要求设置，不能修改。")
        if statutory_rule(node):
            # 条例第二十六条第二句: the period a law sets for this built-in node is shown, not submitted.
            self.fields["publication_rule"].disabled = True
            self.fields["publication_rule"].help_text = _("本栏目的公开期限由法律规定，不能修改。")

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}
