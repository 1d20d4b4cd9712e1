"""English staff pages put ASCII punctuation around English words; Chinese staff pages keep 「（）」「：」「，」「、」.

The staff templates wrote the brackets, commas and 顿号 around values and translated labels literally, so
/en/staff/ read 「My drafts and returned items（1）」, 「Your roles:测试县教育和体育局（Reviewer）」 and
「2026-03-09（County，Published）」. They now use the punctuation tags of gongkai.core.i18n, which give the
same characters as before on Chinese pages."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.assurance.factories import TrainingSessionFactory
from gongkai.lists.factories import make_list, published_version
from gongkai.mailbox.factories import MessageFactory
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.participation.factories import EventFactory, HearingFactory, MeetingFactory
from gongkai.publishing.factories import ItemFactory
from gongkai.regulations.factories import normative_document
from gongkai.requests.factories import received_case

pytestmark = pytest.mark.django_db

FULL_WIDTH = "（）：，；、"
# A full-width bracket, colon, comma, semicolon or 顿号 touching an English word (two ASCII letters, so that
# Chinese data such as 「（A类）」 is not counted).
NEXT_TO_ENGLISH = re.compile(rf"[A-Za-z]{{2}}[{FULL_WIDTH}]|[{FULL_WIDTH}][A-Za-z]{{2}}")
BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|caption|h[1-6]|br|option|label|"
                   r"section|header|footer|nav|main|form|fieldset|legend|details|summary)\b[^>]*>", re.I)


def text_of(page: str) -> str:
    """The page's visible text: one line per block, inline markup dropped (「<strong>问</strong>（」 stays joined)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", BLOCK.sub("\n", page)))


@pytest.fixture
def county_unit(db):
    county = OrganizationFactory(name="测试县人民政府", short_name="县政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)
    return OrganizationFactory(name="测试县教育和体育局", short_name="县教体局", parent=county)


@pytest.fixture
def staff_pages(county_unit):
    """A unit with something on each page: a draft, a message, a request, a normative document, a list, a
    hearing, an open day, a meeting and a training session; the pages its reviewer opens."""
    unit = county_unit
    editor, reviewer = user_with_role(unit, Role.EDITOR), user_with_role(unit, Role.REVIEWER)
    ItemFactory(organization=unit, created_by=reviewer, title="测试县教育和体育局关于招生工作的通知")
    message = MessageFactory(addressee=unit)
    case = received_case(unit, timezone.localdate() - dt.timedelta(days=3), applicant_name="高峰")
    document = normative_document(unit, editor, reviewer, issuers=[unit, unit.parent])
    published_version(make_list(unit, editor), editor, reviewer)
    HearingFactory(organization=unit)
    EventFactory(organization=unit)
    MeetingFactory(organization=unit)
    TrainingSessionFactory(organization=unit, held_on=timezone.localdate())
    return reviewer, [
        ("workbench:home", {}), ("mailbox_staff:detail", {"message_id": message.pk}),
        ("requests:detail", {"case_id": case.pk}), ("regulations_staff:detail", {"document_id": document.pk}),
        ("lists_staff:index", {}), ("participation_staff:index", {}), ("assurance:index", {}),
    ]


def fetch(client, staff_pages, language: str) -> dict[str, str]:
    reviewer, names = staff_pages
    client.force_login(reviewer)
    pages = {}
    with translation.override(language):
        for name, kwargs in names:
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200, name
            pages[name] = text_of(response.content.decode())
    return pages


def test_english_staff_pages_put_ascii_punctuation_next_to_english_words(client, staff_pages):
    pages = fetch(client, staff_pages, "en")
    touching = [f"{name}: …{text[max(0, m.start() - 30):m.end() + 30]}…".replace("\n", " ")
                for name, text in pages.items() for m in NEXT_TO_ENGLISH.finditer(text)]
    assert touching == [], "\n".join(touching)
    home = pages["workbench:home"]
    assert "Your roles: 测试县教育和体育局 (Reviewer)" in home
    assert "My drafts and returned items (1)" in home
    assert re.search(r"reply due \d{4}-\d\d-\d\d \((Not yet due|Overdue)\)", home)  # a message to accept (mailbox.hooks)
    assert "高峰 (Natural person)" in pages["requests:detail"]
    assert re.search(r"\(since \d{4}-\d\d-\d\d\)", pages["regulations_staff:detail"])
    assert "测试县教育和体育局, 测试县人民政府" in pages["regulations_staff:detail"]  # issuers: ", " not 「、」
    assert "2020年版 (Published)" in pages["lists_staff:index"] and "template (XLSX)" in pages["lists_staff:index"]
    assert re.search(r"\(\d{4}-\d\d-\d\d, Published\)", pages["participation_staff:index"])
    assert re.search(r"\(\d{4}-\d\d-\d\d, County\)", pages["assurance:index"])
    assert re.search(r"\(\d+ working days\)", pages["mailbox_staff:detail"])


def test_chinese_staff_pages_keep_full_width_punctuation(client, staff_pages):
    pages = fetch(client, staff_pages, "zh-hans")
    home = pages["workbench:home"]
    assert "您的岗位：测试县教育和体育局（审核员）" in home
    assert "我的草稿和退回件（1）" in home
    assert re.search(r"答复期限 \d{4}-\d\d-\d\d（(未到期|已逾期)）", home)
    assert "高峰（自然人）" in pages["requests:detail"]
    assert re.search(r"（自 \d{4}-\d\d-\d\d）", pages["regulations_staff:detail"])
    assert "测试县教育和体育局、测试县人民政府" in pages["regulations_staff:detail"]
    assert "2020年版（已发布）" in pages["lists_staff:index"] and "模板（XLSX）" in pages["lists_staff:index"]
    assert re.search(r"（\d{4}-\d\d-\d\d，已发布）", pages["participation_staff:index"])
    assert re.search(r"（\d{4}-\d\d-\d\d，县级）", pages["assurance:index"])
    assert re.search(r"（\d+个工作日）", pages["mailbox_staff:detail"])
    for name, text in pages.items():
        assert not re.search(r"[\u4e00-\u9fff] ?\([^)]*\) ?[\u4e00-\u9fff]", text), name  # no ASCII brackets
