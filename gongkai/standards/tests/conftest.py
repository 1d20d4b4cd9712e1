import pytest

from gongkai.standards import services
from gongkai.workplan.tests.county import build_county


@pytest.fixture
def county(db):
    county = build_county()
    services.load_builtin()
    return county
