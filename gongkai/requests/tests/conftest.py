import io

import pytest
from pypdf import PdfReader

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture
def county(db):
    """The county government, where the 政务公开办 and the 大数据中心 hold their county roles."""
    from gongkai.organizations.models import Organization

    return OrganizationFactory(name="测试县人民政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)


@pytest.fixture
def supervisor(county):
    return user_with_role(county, Role.SUPERVISOR)


@pytest.fixture
def filing_center(county):
    return user_with_role(county, Role.FILING_CENTER)


@pytest.fixture
def unit(county):
    """A unit below the county government."""
    return OrganizationFactory(parent=county, name="测试县文化和旅游局", short_name="县文旅局")


@pytest.fixture
def unit_editor(unit):
    return user_with_role(unit, Role.EDITOR)


@pytest.fixture
def unit_reviewer(unit):
    return user_with_role(unit, Role.REVIEWER)


def pdf_text(field_file) -> str:
    with field_file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def docx_text(field_file) -> str:
    import docx

    with field_file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "".join(p.text for p in document.paragraphs) + "".join(cells)
