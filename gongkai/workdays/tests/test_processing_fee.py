"""信息处理费 per 国办函〔2020〕109号, tested at every tier boundary (按件 and 按量, progressive)."""

import pytest

from gongkai.workdays.fees import FeeBasis, processing_fee


@pytest.mark.parametrize(
    "nth, yuan",
    [
        (1, 0),
        (10, 0),  # ≤10 件 in the month: free
        (11, 100),  # 11–30: 100元/件
        (30, 100),
        (31, 200),  # 31–40: one step up
        (40, 200),
        (41, 300),  # 41–50: two steps up
        (50, 300),
        (51, 400),
    ],
)
def test_by_request_tiers(nth, yuan):
    assert processing_fee(FeeBasis.BY_REQUEST, nth).total_yuan == yuan


@pytest.mark.parametrize(
    "pages, yuan",
    [
        (0, 0),
        (30, 0),  # ≤30 pages free
        (31, 10),  # 31–100 at 10元/页
        (100, 700),
        (101, 720),  # 101–200 at 20元/页, on top of the 700 of the tier below
        (200, 2700),
        (201, 2740),  # 201+ at 40元/页
        (250, 4700),
    ],
)
def test_by_page_tiers_are_progressive(pages, yuan):
    assert processing_fee(FeeBasis.BY_PAGE, pages).total_yuan == yuan


def test_by_page_lines_show_each_tier():
    fee = processing_fee(FeeBasis.BY_PAGE, 150)
    assert [(line.first, line.last, line.unit_yuan, line.amount_yuan) for line in fee.lines] == [
        (31, 100, 10, 700),
        (101, 150, 20, 1000),
    ]


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        processing_fee(FeeBasis.BY_REQUEST, 0)
    with pytest.raises(ValueError):
        processing_fee(FeeBasis.BY_PAGE, -1)
    with pytest.raises(ValueError):
        processing_fee("both", 10)
