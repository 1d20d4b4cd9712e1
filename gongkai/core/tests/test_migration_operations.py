import io

import pytest
from django.core.management import call_command
from django.db import models
from django.db.migrations.state import ModelState, ProjectState

from gongkai.core.migration_operations import AlterFieldLabel


def project_state() -> ProjectState:
    state = ProjectState()
    state.add_model(ModelState("shelf", "Book", [
        ("id", models.AutoField(primary_key=True)),
        ("title", models.CharField(max_length=50, verbose_name="title")),
    ]))
    return state


def test_a_label_change_reaches_the_migration_state():
    state = project_state()
    AlterFieldLabel("book", "title", models.CharField(max_length=50, verbose_name="标题")).state_forwards("shelf", state)
    assert state.models["shelf", "book"].fields["title"].verbose_name == "标题"
    assert state.apps.get_model("shelf", "Book")._meta.get_field("title").verbose_name == "标题"


def test_any_change_beyond_the_labels_is_refused():
    operation = AlterFieldLabel("book", "title", models.CharField(max_length=80, verbose_name="标题"))
    with pytest.raises(ValueError, match="changes more than its labels"):
        operation.state_forwards("shelf", project_state())


def test_the_database_is_not_touched():
    before = project_state()
    after = before.clone()
    operation = AlterFieldLabel("book", "title", models.CharField(max_length=50, verbose_name="标题"))
    operation.state_forwards("shelf", after)
    untouchable = object()  # any use of the schema editor (a query, a table rebuild) would raise here
    operation.database_forwards("shelf", untouchable, before, after)
    operation.database_backwards("shelf", untouchable, after, before)


@pytest.mark.django_db
def test_the_migrations_describe_the_models_exactly():
    # A model change without its migration (or a migration that no longer matches) fails here, not on a
    # county's server.
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
