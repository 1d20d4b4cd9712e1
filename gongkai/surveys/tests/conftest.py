"""The small county of gongkai.accounts.testing."""

import pytest

from gongkai.accounts.testing import (  # noqa: F401  (fixtures)
    county,
    keeper,
    other_editor,
    unit,
    unit2,
    unit_editor,
    unit_reviewer,
)


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
