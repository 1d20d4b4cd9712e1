"""Chinese word segmentation with jieba and the project's dictionary of government terms.

rjieba (jieba-rs, the Rust port of jieba with the same dictionary and algorithm) is used when it is
installed: it gives the same tokens about ten times faster. Otherwise the pure-Python jieba is used.
tests/test_segment.py checks that both produce the same words on real text.

Indexing uses search mode (`cut_for_search`: the full word plus its dictionary sub-words), queries use
precise mode (`cut`). Words only decide the "scattered words" matches; recall of a substring never
depends on them (see text.py).
"""

import logging
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent / "data" / "gov_terms.txt"
LONG_WORD = 4  # words longer than this also yield their dictionary sub-words of this length or more


def dictionary_words() -> list[str]:
    words = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        word = line.split(" ")[0].strip()
        if word and not word.startswith("#"):
            words.append(word)
    return words


class _Segmenter:
    def __init__(self, engine: str = "auto"):
        self.engine = engine
        module = None
        if engine in ("auto", "rjieba"):
            try:
                import rjieba as module
            except ImportError:
                if engine == "rjieba":
                    raise
        if module is None:
            import jieba as module

            module.setLogLevel(logging.WARNING)
            self.name = "jieba"
            for word in dictionary_words():
                module.add_word(word)
            self._has_word = lambda word: bool(module.get_FREQ(word))
        else:
            self.name = "rjieba"
            for word in dictionary_words():
                module.add_word(word, None, None)
            self._has_word = module.has_word
        self._module = module

    def index_words(self, normalized: str) -> list[str]:
        """Search-mode words, plus the dictionary words of 4+ characters inside longer words
        (search mode only emits 2- and 3-character sub-words: 营商环境 inside 优化营商环境)."""
        words = [w for w in self._module.cut_for_search(normalized) if not w.isspace()]
        inner = [x for w in words if len(w) > LONG_WORD for x in self._inner_words(w)]
        return words + inner if inner else words

    def _inner_words(self, word: str) -> list[str]:
        return [
            word[start : start + size]
            for size in range(LONG_WORD, len(word))
            for start in range(len(word) - size + 1)
            if self._has_word(word[start : start + size])
        ]

    def query_words(self, normalized: str) -> list[str]:
        return [w for token in self._module.cut(normalized) for w in token.split()]


@lru_cache(maxsize=2)
def segmenter(engine: str = "auto") -> _Segmenter:
    return _Segmenter(engine)


def index_words(normalized: str) -> list[str]:
    return segmenter().index_words(normalized)


def query_words(normalized: str) -> list[str]:
    """Words of a query term, without punctuation-only tokens."""
    return [w for w in segmenter().query_words(normalized) if any(c.isalnum() for c in w)]
