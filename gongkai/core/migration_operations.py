"""Migration operations of our own.

`AlterFieldLabel` is Django's AlterField for a change the database never sees: a field's verbose_name or
help_text. Django re-renders the model, and every model related to it, after each AlterField; 299 of
them (every field given a Chinese name) made a fresh `migrate` take twice as long, on every install,
restore and test database. This operation updates the migration state only, refuses any other change
(so it cannot hide a real one), and does nothing to the database in either direction.

The rendered models of a running migration keep the old label until something re-renders them; no data
migration reads a label, and the migration state (what makemigrations compares) is exact.
"""

from django.db import migrations

LABELS = ("verbose_name", "help_text")


def _without_labels(field) -> tuple:
    name, path, args, kwargs = field.deconstruct()
    return path, args, {key: value for key, value in kwargs.items() if key not in LABELS}


class AlterFieldLabel(migrations.AlterField):
    def state_forwards(self, app_label, state):
        model_key = app_label, self.model_name_lower
        fields = state.models[model_key].fields
        old_field = fields[self.name]
        if _without_labels(old_field) != _without_labels(self.field):
            raise ValueError(
                f"AlterFieldLabel on {app_label}.{self.model_name}.{self.name} changes more than its labels; "
                "use AlterField")
        if state._relations is not None and old_field.is_relation:
            # The relations registry holds the field object itself: put the new one in its place.
            fields.pop(self.name)
            state.resolve_model_field_relations(model_key, self.name, old_field)
            fields[self.name] = self.field
            state.resolve_model_field_relations(model_key, self.name, self.field)
        else:
            fields[self.name] = self.field

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Alter the label of field {self.name} on {self.model_name}"
