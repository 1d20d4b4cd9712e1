"""A colon the templates put after a translated label is 「：」 on Chinese pages and ": " on English ones
(the footer on every page, a listing title, a staff heading), so /en/ never shows 「Sponsor：」."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.inspection import engine
from gongkai.portal.models import SiteProfile

pytestmark = pytest.mark.django_db

LATIN_THEN_FULL_WIDTH_COLON = re.compile(r"[A-Za-z]\s*：")


def _pages(client, language):
    with translation.override(language):
        unit = reverse("inspection:unit", kwargs={"org_id": client.site.township.pk})
        listing = reverse("portal:by_doc_type", kwargs={"doc_type": "通知"})
    return client.get(unit).content.decode(), client.get(listing).content.decode()


@pytest.fixture
def staff_client(client, site):
    SiteProfile.objects.filter(host="").update(site_code="3703230001")
    engine.run()
    client.force_login(user_with_role(site.township, Role.ORG_ADMIN))
    client.site = site
    return client


def test_english_pages_put_an_ascii_colon_after_english_labels(staff_client):
    unit, listing = _pages(staff_client, "en")
    assert "Sponsor: 测试县人民政府" in unit and "Website ID: 3703230001" in unit  # the footer
    assert "<h1>测试县东里镇人民政府: Result</h1>" in unit  # a staff heading
    assert "<title>by document type: Notice" in listing  # a listing title
    for html in (unit, listing):
        assert not LATIN_THEN_FULL_WIDTH_COLON.search(html), LATIN_THEN_FULL_WIDTH_COLON.search(html)


def test_chinese_pages_keep_the_full_width_colon(staff_client):
    unit, listing = _pages(staff_client, "zh-hans")
    assert "主办单位：测试县人民政府" in unit and "网站标识码：3703230001" in unit
    assert "<h1>测试县东里镇人民政府：检查结果</h1>" in unit
    assert "<title>按体裁：通知" in listing
    assert ": " not in re.sub(r"<(script|style)\b.*?</\1>", "", unit, flags=re.S).split("<footer")[1]
