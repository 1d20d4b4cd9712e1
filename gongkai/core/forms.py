"""One form style across apps: every `{{ form }}` and `{{ field.as_field_group }}` renders its fields
through `includes/field.html` (label, 「（必填）」 where required, help text, errors linked to the
widget), the template hand-written staff and public forms include field by field."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "django/forms/div.html"
    field_template_name = "includes/field.html"
