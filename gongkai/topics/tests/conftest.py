import pytest

from gongkai.workplan.tests.county import build_county


@pytest.fixture
def county(db):
    return build_county()
