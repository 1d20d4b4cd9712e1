import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization


@pytest.fixture
def county_tree(db):
    """A county government with a department, a township and a public institution below it, and staff."""
    from gongkai.catalog.services import ensure_catalog

    K = Organization.Kind
    county = OrganizationFactory(name="测试县人民政府", kind=K.PEOPLE_GOVERNMENT)
    department = OrganizationFactory(name="测试县教育和体育局", parent=county)
    township = OrganizationFactory(name="测试县甲镇人民政府", kind=K.TOWNSHIP, parent=county)
    institution = OrganizationFactory(name="测试县人民医院", kind=K.PUBLIC_INSTITUTION, parent=county)
    for organization in (county, department, township, institution):
        ensure_catalog(organization)
    users = {
        "county": user_with_role(county, Role.EDITOR), "county_reviewer": user_with_role(county, Role.REVIEWER),
        "supervisor": user_with_role(county, Role.SUPERVISOR), "department": user_with_role(department, Role.EDITOR),
        "department_reviewer": user_with_role(department, Role.REVIEWER),
        "township": user_with_role(township, Role.EDITOR), "institution": user_with_role(institution, Role.EDITOR),
    }
    return county, department, township, institution, users


@pytest.fixture(autouse=True)
def _quick_pdf(request, monkeypatch):
    """WeasyPrint with Noto CJK takes seconds per report; workflow tests get a stand-in PDF. Tests that look at
    the PDF itself ask for `real_pdf`."""
    if "real_pdf" in request.fixturenames:
        return
    from gongkai.reports.render import pdf

    monkeypatch.setattr(pdf, "render", lambda content: b"%PDF-1.7\n% " + content.title.encode() + b"\n%%EOF\n")


@pytest.fixture
def real_pdf():
    """Render PDFs with WeasyPrint for real."""
