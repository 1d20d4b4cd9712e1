"""The small county of gongkai.accounts.testing."""

from gongkai.accounts.testing import (  # noqa: F401  (fixtures)
    county,
    keeper,
    other_editor,
    unit,
    unit2,
    unit_editor,
    unit_reviewer,
)
