"""The item's 信息索引表 on English pages: the labels ("Date of publication", "Subject category") are longer than
the Chinese ones the label column was sized for; they wrap inside their cell instead of running over the value."""

import pytest
from django.urls import reverse

from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

OVERFLOWING = """() => [...document.querySelectorAll('table.index-grid th')]
  .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent.trim())"""


@pytest.mark.parametrize("width", [1366, 1024, 390])
def test_no_label_of_the_index_table_runs_over_its_value(new_page, width):
    county = build_county()
    item = publish(county, "关于做好2020年春季学期开学工作的通知", doc_number="源教体字〔2020〕12号")
    page = new_page(viewport={"width": width, "height": 900})
    for prefix in ("", "/en"):
        page.goto(prefix + reverse("portal:item", args=[item.pk]))
        assert page.evaluate(OVERFLOWING) == [], prefix
