"""The readability formulas: a few lines each over counts computed once.

Every formula takes a :class:`~corpus_tools.readability.counts.TextCounts`
(the counts of :mod:`corpus_tools.readability.counts`) and reproduces
textstat 0.7.13's arithmetic in its order, so the values equal textstat's
own functions to floating-point precision.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from .counts import COUNT_FIELDS, TextCounts

__all__ = ["FORMULAS", "BASE_FORMULAS", "GRADE_FORMULAS", "NEEDS_SYLLABLES", "consensus_grade", *(
    "flesch_reading_ease flesch_kincaid_grade gunning_fog smog_index coleman_liau_index "
    "automated_readability_index dale_chall_readability_score dale_chall_readability_score_v2 "
    "linsear_write_formula spache_readability mcalpine_eflaw lix rix text_standard "
    "words_per_sentence syllables_per_word").split()]


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


def words_per_sentence(c: TextCounts) -> np.ndarray:
    """Words per sentence (0.0 without sentences, as textstat)."""
    return _ratio(c.n_words, c.n_sentences)


def syllables_per_word(c: TextCounts) -> np.ndarray:
    """Syllables per word (0.0 without words, as textstat)."""
    return _ratio(c.n_syllables, c.n_words)


def _pow_half(x: np.ndarray) -> np.ndarray:
    """``x ** 0.5`` as Python computes it (C ``pow``); NumPy would take ``sqrt`` instead."""
    x = np.asarray(x, dtype=np.float64)
    return np.array([v ** 0.5 for v in x.ravel().tolist()], dtype=np.float64).reshape(x.shape)


@_elementwise
def flesch_reading_ease(c: TextCounts) -> float:
    wps, spw = words_per_sentence(c), syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 206.835 - 1.015 * wps - 84.6 * spw)


@_elementwise
def flesch_kincaid_grade(c: TextCounts) -> float:
    wps, spw = words_per_sentence(c), syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 0.39 * wps + 11.8 * spw - 15.59)


@_elementwise
def gunning_fog(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0,
                    0.4 * (words_per_sentence(c) + 100 * c.n_hard_3 / c.n_words))


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
    b = words_per_sentence(c)
    return np.where((a == 0) | (b == 0), 0.0, 4.71 * a + 0.5 * b - 21.43)


@_elementwise
def dale_chall_readability_score(c: TextCounts) -> float:
    percent = 100 * c.n_hard_any / c.n_words
    score = 0.1579 * percent + 0.0496 * words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(percent > 5, score + 3.6365, score))


@_elementwise
def dale_chall_readability_score_v2(c: TextCounts) -> float:
    raw = 0.1579 * (100 * c.n_hard_2 / c.n_words) + 0.0496 * words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(raw > 0.05, raw + 3.6365, raw))


@_elementwise
def linsear_write_formula(c: TextCounts) -> float:
    number = (c.linsear_easy * 1 + c.linsear_hard * 3) / c.linsear_sentences
    number = np.where(number <= 20, number - 2, number)
    return np.where(c.linsear_sentences == 0, 0.0, number / 2)


@_elementwise
def spache_readability(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0, 0.141 * words_per_sentence(c)
                    + 0.086 * (100 * c.n_hard_2 / c.n_words) + 0.839)


@_elementwise
def mcalpine_eflaw(c: TextCounts) -> float:
    return np.where(c.n_sentences == 0, 0.0, (c.n_words + c.n_miniwords) / c.n_sentences)


@_elementwise
def lix(c: TextCounts) -> float:
    return np.where(c.n_words == 0, 0.0,
                    words_per_sentence(c) + 100 * c.n_long_words / c.n_words)


@_elementwise
def rix(c: TextCounts) -> float:
    return _ratio(c.n_long_words, c.n_sentences)


def _grades(score) -> list[np.ndarray]:
    return [np.floor(score), np.ceil(score), np.round(score)]  # round: half to even, as Python


_CONSENSUS = ("smog_index", "coleman_liau_index", "automated_readability_index",
              "dale_chall_readability_score", "linsear_write_formula", "gunning_fog")
_EASE_BANDS = ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12))
"""Flesch reading ease from ``low`` to below ``low + 10``: grade; 60-70 adds 9 too; else 13."""


def consensus_grade(scores: dict) -> np.ndarray:
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
    return consensus_grade({name: FORMULAS[name](c) for name in
                       ("flesch_kincaid_grade", "flesch_reading_ease", *_CONSENSUS)})


FORMULAS: dict[str, Callable[[TextCounts], float]] = {
    f.__name__: f for f in (
        flesch_reading_ease, flesch_kincaid_grade, gunning_fog, smog_index,
        coleman_liau_index, automated_readability_index, dale_chall_readability_score,
        dale_chall_readability_score_v2, linsear_write_formula, spache_readability,
        mcalpine_eflaw, lix, rix, text_standard)
}
"""Every formula column of :func:`readability`, named as textstat's function.

Each takes a :class:`~corpus_tools.readability.counts.TextCounts` and gives a
float, or an array when the counts are arrays (many documents).
"""

BASE_FORMULAS = {name: f for name, f in FORMULAS.items() if name != "text_standard"}

GRADE_FORMULAS = ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                  "automated_readability_index", "text_standard")
"""The main formulas that give a US school grade (higher = harder), for charts."""

NEEDS_SYLLABLES = {"flesch_reading_ease", "flesch_kincaid_grade", "text_standard"}
