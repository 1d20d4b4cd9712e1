import pytest

from gongkai.inspection.tests.site import build_site


@pytest.fixture
def site(db, settings):
    return build_site(settings)
