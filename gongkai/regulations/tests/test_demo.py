"""The demo modules of regulations, interpretations and gazette, on just the organizations they use."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role, User
from gongkai.catalog.services import ensure_catalog
from gongkai.demo.data.organizations import BY_KEY
from gongkai.gazette import demo as gazette_demo
from gongkai.gazette.models import GazetteIssue
from gongkai.interpretations import demo as interpretations_demo
from gongkai.interpretations.models import Interpretation
from gongkai.interpretations.services import findings
from gongkai.organizations.factories import OrganizationFactory
from gongkai.publishing.choices import Validity
from gongkai.regulations import demo as regulations_demo
from gongkai.regulations.history import current_text
from gongkai.regulations.models import CleanupCampaign, NormativeDocument

pytestmark = pytest.mark.django_db
KEYS = ["yyx", "bgs", "zjj", "rsj", "czj", "ybj", "fgj", "mzj", "zhzfj"]


@pytest.fixture
def county():
    root = OrganizationFactory(name=BY_KEY["yyx"].name, kind="government")
    orgs = {"yyx": root}
    for key in KEYS[1:]:
        orgs[key] = OrganizationFactory(name=BY_KEY[key].name, parent=root)
    for org in orgs.values():
        ensure_catalog(org)
    User.objects.create_superuser("admin", "admin@example.cn", "Gongkai-Demo-2026")
    user_with_role(orgs["bgs"], Role.ORG_ADMIN, username="bgs_gly")
    user_with_role(orgs["bgs"], Role.REVIEWER, username="bgs_shy")
    return orgs


def load_all():
    for module in (regulations_demo, interpretations_demo, gazette_demo):
        module.load()


def test_demo_documents_relations_interpretations_and_gazette(county):
    load_all()
    docs = {d.item.doc_number: d for d in NormativeDocument.objects.select_related("item")}
    assert len(docs) == len(regulations_demo.DOCS) + 1
    amended = docs["源政发〔2022〕11号"]
    assert amended.validity == Validity.AMENDED and current_text(amended) == docs["源政发〔2024〕4号"]
    assert docs["源政发〔2020〕3号"].validity == Validity.REPEALED
    assert docs["源政办发〔2020〕5号"].validity == Validity.EXPIRED  # 暂行, lapsed 2022-06-08 by the sweep
    assert str(docs["源政办发〔2020〕5号"].validity_since) == "2022-06-08"
    assert docs["源人社发〔2023〕15号"].issuer_list() == [county["rsj"], county["czj"]]
    near = next(d for d in docs.values() if "暂行" in d.title and d.is_current)
    assert (near.expires_on - timezone.localdate()).days == 60 and near.events.filter(kind="expiry_warning").exists()
    campaign = CleanupCampaign.objects.get()
    assert campaign.state == CleanupCampaign.State.CLOSED and campaign.result_item.state == "published"
    assert docs["源政办发〔2021〕18号"].validity == Validity.REPEALED and docs["源政办发〔2023〕9号"].pending_amendment

    assert Interpretation.objects.count() == len(interpretations_demo.INTERPRETATIONS)
    assert set(Interpretation.objects.values_list("form", flat=True)) == set(Interpretation.Form.values)
    missing = {f.policy.doc_number for f in findings([o.pk for o in county.values()])[0]}
    assert "源人社发〔2023〕15号" in missing and "源政发〔2022〕6号" not in missing

    issues = list(GazetteIssue.objects.published().filter(year=2020).order_by("number"))
    assert [i.total_number for i in issues] == [101, 102, 103, 104]
    first = issues[0]
    reader = PdfReader(first.pdf.open("rb"))
    assert "2020年第1期（总第101期）" in reader.pages[0].extract_text()
    linked = first.entries.get(doc_number="源政发〔2020〕3号")
    assert linked.item == docs["源政发〔2020〕3号"].item and linked.page >= 3


def test_demo_load_is_idempotent(county):
    load_all()
    counts = (NormativeDocument.objects.count(), Interpretation.objects.count(), GazetteIssue.objects.count(),
              CleanupCampaign.objects.count())
    load_all()
    assert (NormativeDocument.objects.count(), Interpretation.objects.count(), GazetteIssue.objects.count(),
            CleanupCampaign.objects.count()) == counts
