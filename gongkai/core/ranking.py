"""Standard competition ranking (1, 2, 2, 4), shared by every ranking of units (保障措施 assessment, 检查指标)."""

from collections.abc import Sequence


def competition_ranks(keys: Sequence) -> list[int]:
    """Ranks of `keys`, already sorted best first: equal keys share a rank — 并列 — and the places they take are
    skipped. A unit's place in a sort within a tie (by 基础得分, by the unit's order) does not rank it."""
    ranks: list[int] = []
    for n, key in enumerate(keys, start=1):
        ranks.append(ranks[-1] if ranks and key == keys[n - 2] else n)
    return ranks


def tied_ranks(ranks: Sequence[int]) -> set[int]:
    """The ranks more than one unit shares."""
    return {rank for rank in ranks if ranks.count(rank) > 1}
