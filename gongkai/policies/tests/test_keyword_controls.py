"""The finder's keyword drops control characters, as search's q does: a NUL in `?q=` made the form invalid and
the keyword was silently ignored (every policy listed)."""

from gongkai.policies.forms import FinderForm


def test_the_finder_keyword_keeps_its_text_without_control_characters():
    form = FinderForm({"q": "扶持\x00资金\x1b"}, units=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["q"] == "扶持资金"
