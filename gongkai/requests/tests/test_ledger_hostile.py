"""Hostile 台账 rows (audit of session 16): each is a clear error on its row and column, nothing is
imported, and the import never fails with a server error."""

import pytest

from gongkai.requests.ledger import import_ledger
from gongkai.requests.models import RequestCase
from gongkai.requests.tests.test_legal_edges import as_csv, ledger_row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("values, column, words", [
    ({"延期工作日": "²"}, "延期工作日", "0 至 20 的整数"),
    ({"收费金额": "99999999999999999999999"}, "收费金额", "金额过大"),
    ({"申请人": "孙\x01七"}, "申请人", "控制字符"),
    ({"申请内容": "低保\x0b资金"}, "申请内容", "控制字符"),
    ({"收到申请日期": "0001-01-01"}, "收到申请日期", "早于2000-01-01"),
    ({"收到申请日期": "9999-12-31"}, "收到申请日期", "晚于今天"),
    ({"收到申请日期": "2099-03-02"}, "收到申请日期", "晚于今天"),
    ({"答复日期": "2099-03-20", "办理结果": "予以公开"}, "答复日期", "晚于今天"),
    ({"征求意见期间": "2020-03-04~2099-03-11"}, "征求意见期间", "晚于今天"),
])
def test_a_hostile_cell_is_refused_on_its_column(org, values, column, words):
    report = import_ledger(None, "台账.csv", as_csv(ledger_row(org, **values)))
    assert not report.ok
    [error] = report.errors
    assert (error.row, error.column) == (2, column) and words in error.message, error
    assert not RequestCase.objects.exists()


def test_full_width_digits_and_a_line_break_are_still_accepted(org):
    report = import_ledger(None, "台账.csv", as_csv(ledger_row(org, 延期工作日="１５", 申请内容='"低保\n资金"')))
    assert report.ok, report.errors
    case = RequestCase.objects.get()
    assert case.info_description == "低保\n资金"
