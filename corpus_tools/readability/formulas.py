"""The readability formulas: a few lines each over counts computed once.

Every formula takes a :class:`~corpus_tools.readability.counts.TextCounts`
(the counts of :mod:`corpus_tools.readability.counts`) and reproduces
textstat 0.7.13's arithmetic in its order, so the values equal textstat's
own functions to floating-point precision. Each docstring gives the formula's
direction (all are *higher = harder* but the Flesch reading ease), range,
language scope, its value on short or empty text (textstat's placeholders;
:func:`~corpus_tools.readability.readability` flags such documents and, with
``undefined="nan"``, gives NaN instead) and a reference.
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
    """Average sentence length: ``n_words / n_sentences`` (textstat's ``avg_sentence_length``).

    Parameters
    ----------
    c : TextCounts
        The counts of one document or of many (arrays).

    Returns
    -------
    numpy.ndarray
        One value per document (a 0-d array for the counts of one document).

    Notes
    -----
    * Direction: higher = longer sentences = harder (the main input of every
      formula but Coleman-Liau and LIX's second term).
    * Range: 0 and up.
    * Language: any; words and sentences are counted with textstat's rules
      (:mod:`corpus_tools.readability.counts`).
    * Short or empty text: 0.0 without sentences (the empty string), as textstat.

    References
    ----------
    textstat 0.7.13, ``avg_sentence_length``.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> float(words_per_sentence(count_text("The cat sat on the mat.")))
    6.0
    """
    return _ratio(c.n_words, c.n_sentences)


def syllables_per_word(c: TextCounts) -> np.ndarray:
    """Average word length in syllables: ``n_syllables / n_words``.

    Parameters
    ----------
    c : TextCounts
        The counts of one document or of many (arrays).

    Returns
    -------
    numpy.ndarray
        One value per document (a 0-d array for the counts of one document).

    Notes
    -----
    * Direction: higher = longer words = harder.
    * Range: 0 and up; about 1.4-1.7 for news.
    * Language: English syllable counts (CMU Pronouncing Dictionary, else
      Pyphen's ``en_US`` hyphenation).
    * Short or empty text: 0.0 without words, as textstat.

    References
    ----------
    textstat 0.7.13, ``avg_syllables_per_word``.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> float(syllables_per_word(count_text("The cat sat on the mat.")))
    1.0
    """
    return _ratio(c.n_syllables, c.n_words)


def _pow_half(x: np.ndarray) -> np.ndarray:
    """``x ** 0.5`` as Python computes it (C ``pow``); NumPy would take ``sqrt`` instead."""
    x = np.asarray(x, dtype=np.float64)
    return np.array([v ** 0.5 for v in x.ravel().tolist()], dtype=np.float64).reshape(x.shape)


@_elementwise
def flesch_reading_ease(c: TextCounts) -> float:
    """Flesch reading ease: ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: **higher = easier**, the only formula here that runs this way.
    * Range: none fixed; 0-100 for ordinary prose, about 121 for one-syllable
      words in one-word sentences, below 0 for long sentences of long words.
      Flesch's scale: 90-100 very easy, 60-70 plain English, 30-50 difficult,
      below 30 very difficult (academic prose).
    * Language: English (other languages need their own coefficients, which
      this package does not provide).
    * Short or empty text: 0.0 when the text has no word, no sentence or no
      syllable (textstat's placeholder; :func:`~corpus_tools.readability.readability`
      with ``undefined="nan"`` gives NaN and flags the document). Fitted on
      samples of 100 words; shorter texts get unstable values.

    References
    ----------
    Flesch, R. (1948). A new readability yardstick. *Journal of Applied
    Psychology* 32(3), 221-233.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(flesch_reading_ease(count_text("The cat sat on the mat.")), 3)
    116.145
    """
    wps, spw = words_per_sentence(c), syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 206.835 - 1.015 * wps - 84.6 * spw)


@_elementwise
def flesch_kincaid_grade(c: TextCounts) -> float:
    """Flesch-Kincaid grade level: ``0.39 * words/sentence + 11.8 * syllables/word - 15.59``.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; the value is a US school grade (8 = age
      13-14, 12 = end of secondary school).
    * Range: none fixed; about -3.4 for one-syllable words in one-word
      sentences, rising with sentence and word length.
    * Language: English.
    * Short or empty text: 0.0 when the text has no word, no sentence or no
      syllable (textstat's placeholder, NaN with ``undefined="nan"``); values
      of texts under 100 words are unreliable.

    References
    ----------
    Kincaid, J. P., Fishburne, R. P., Rogers, R. L. and Chissom, B. S.
    (1975). *Derivation of new readability formulas (Automated Readability
    Index, Fog Count and Flesch Reading Ease formula) for Navy enlisted
    personnel*. Research Branch Report 8-75, Naval Technical Training Command.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(flesch_kincaid_grade(count_text("The cat sat on the mat.")), 2)
    -1.45
    """
    wps, spw = words_per_sentence(c), syllables_per_word(c)
    return np.where((wps == 0) | (spw == 0), 0.0, 0.39 * wps + 11.8 * spw - 15.59)


@_elementwise
def gunning_fog(c: TextCounts) -> float:
    """Gunning fog index: ``0.4 * (words/sentence + 100 * hard words / words)``.

    A *hard* word has three or more syllables and is not on textstat's
    Dale-Chall list of easy words (``TextCounts.n_hard_3``; textstat's stand-in
    for Gunning's rule, which also spares names and ``-ed``/``-es``/``-ing``
    forms).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade (12 = end of secondary
      school, 17+ = graduate).
    * Range: 0 and up.
    * Language: English.
    * Short or empty text: 0.0 without words (textstat's placeholder, NaN with
      ``undefined="nan"``); meant for samples of 100 words or more.

    References
    ----------
    Gunning, R. (1952). *The Technique of Clear Writing*. McGraw-Hill.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(gunning_fog(count_text("The cat sat on the mat.")), 2)
    2.4
    """
    return np.where(c.n_words == 0, 0.0,
                    0.4 * (words_per_sentence(c) + 100 * c.n_hard_3 / c.n_words))


@_elementwise
def smog_index(c: TextCounts) -> float:
    """SMOG grade: ``1.043 * sqrt(30 * polysyllables / sentences) + 3.1291``.

    Polysyllables are words of three or more syllables (``n_polysyllables``).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade.
    * Range: 3.1291 and up for a text with a sentence.
    * Language: English.
    * Short or empty text: 0.0 for the empty string (no sentence); a blank or
      punctuation-only text counts one textstat sentence and gets 3.1291.
      McLaughlin calibrated it on samples of 30 sentences: shorter texts (most
      news articles) are extrapolated and flagged ``under_30_sentences`` by
      :func:`~corpus_tools.readability.readability`.

    References
    ----------
    McLaughlin, G. H. (1969). SMOG grading: a new readability formula.
    *Journal of Reading* 12(8), 639-646.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(smog_index(count_text("The cat sat on the mat.")), 4)
    3.1291
    """
    return np.where(c.n_sentences == 0, 0.0,
                    1.043 * _pow_half(30 * (c.n_polysyllables / c.n_sentences)) + 3.1291)


@_elementwise
def coleman_liau_index(c: TextCounts) -> float:
    """Coleman-Liau index: ``0.058 * L - 0.296 * S - 15.8``.

    ``L`` is letters (word characters) per 100 words and ``S`` sentences per
    100 words: word length is measured in letters, not syllables (textstat's
    rounded coefficients).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade.
    * Range: unbounded; negative for very short words and sentences.
    * Language: English (letters, so no syllable dictionary is involved).
    * Short or empty text: 0.0 when ``L`` or ``S`` is 0, i.e. without words
      (textstat's placeholder, NaN with ``undefined="nan"``).

    References
    ----------
    Coleman, M. and Liau, T. L. (1975). A computer readability formula
    designed for machine scoring. *Journal of Applied Psychology* 60(2),
    283-284.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(coleman_liau_index(count_text("The cat sat on the mat.")), 2)
    -4.3
    """
    letters = _ratio(c.n_letters, c.n_words) * 100
    sentences = _ratio(c.n_sentences, c.n_words) * 100
    return np.where((letters == 0) | (sentences == 0), 0.0,
                    0.058 * letters - 0.296 * sentences - 15.8)


@_elementwise
def automated_readability_index(c: TextCounts) -> float:
    """Automated readability index: ``4.71 * characters/token + 0.5 * words/sentence - 21.43``.

    Characters are non-space characters and tokens whitespace-separated
    pieces, punctuation included (``n_nonspace_chars / n_tokens``, as textstat).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade.
    * Range: unbounded; negative for very short words and sentences.
    * Language: English.
    * Short or empty text: 0.0 when either ratio is 0, i.e. without words or
      tokens (textstat's placeholder, NaN with ``undefined="nan"``).

    References
    ----------
    Smith, E. A. and Senter, R. J. (1967). *Automated Readability Index*.
    AMRL-TR-66-220, Aerospace Medical Research Laboratories, Wright-Patterson
    Air Force Base.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(automated_readability_index(count_text("The cat sat on the mat.")), 2)
    -4.3
    """
    a = _ratio(c.n_nonspace_chars, c.n_tokens)
    b = words_per_sentence(c)
    return np.where((a == 0) | (b == 0), 0.0, 4.71 * a + 0.5 * b - 21.43)


@_elementwise
def dale_chall_readability_score(c: TextCounts) -> float:
    """Dale-Chall readability score: ``0.1579 * PDW + 0.0496 * words/sentence (+ 3.6365)``.

    ``PDW`` is the percentage of words not on textstat's Dale-Chall list of
    about 3,000 easy words (``n_hard_any``, every occurrence counted, looked
    up in lower case); 3.6365 is added when ``PDW`` exceeds 5.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder. Dale and Chall's scale: 4.9 or less =
      grade 4 and below, 5.0-5.9 = grades 5-6, 6.0-6.9 = 7-8, 7.0-7.9 = 9-10,
      8.0-8.9 = 11-12, 9.0-9.9 = college.
    * Range: 0 and up.
    * Language: English (American easy-word list; British spellings and
      inflected forms count as hard).
    * Short or empty text: 0.0 without words (textstat's placeholder, NaN with
      ``undefined="nan"``). In a very short text one unlisted word weighs a
      lot: ``"Hi."`` scores 19.48.

    References
    ----------
    Dale, E. and Chall, J. S. (1948). A formula for predicting readability.
    *Educational Research Bulletin* 27(1), 11-20 and 37-54. Chall, J. S. and
    Dale, E. (1995). *Readability Revisited: The New Dale-Chall Readability
    Formula*. Brookline Books.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(dale_chall_readability_score(count_text("The cat sat on the mat.")), 3)
    0.298
    """
    percent = 100 * c.n_hard_any / c.n_words
    score = 0.1579 * percent + 0.0496 * words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(percent > 5, score + 3.6365, score))


@_elementwise
def dale_chall_readability_score_v2(c: TextCounts) -> float:
    """textstat's variant of Dale-Chall: hard words need two or more syllables.

    ``raw = 0.1579 * PDW2 + 0.0496 * words/sentence``, where ``PDW2`` is the
    percentage of words that are off the easy-word list *and* have 2+
    syllables (``n_hard_2``); 3.6365 is added when ``raw`` exceeds 0.05
    (textstat's condition, not the original ``PDW > 5``).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; read on the Dale-Chall scale of
      :func:`dale_chall_readability_score`.
    * Range: 0 and up.
    * Language: English.
    * Short or empty text: 0.0 without words (textstat's placeholder, NaN with
      ``undefined="nan"``).

    References
    ----------
    textstat 0.7.13, ``dale_chall_readability_score_v2``; after Dale and
    Chall (1948), see :func:`dale_chall_readability_score`.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(dale_chall_readability_score_v2(count_text("The cat sat on the mat.")), 3)
    3.934
    """
    raw = 0.1579 * (100 * c.n_hard_2 / c.n_words) + 0.0496 * words_per_sentence(c)
    return np.where(c.n_words == 0, 0.0, np.where(raw > 0.05, raw + 3.6365, raw))


@_elementwise
def linsear_write_formula(c: TextCounts) -> float:
    """Linsear Write grade over the first 100 words.

    ``r = (easy + 3 * hard) / sentences`` over the text up to its 100th word
    (:data:`~corpus_tools.readability.counts.LINSEAR_WORDS`), with *easy*
    words of one or two syllables and *hard* words of three or more; the
    grade is ``(r - 2) / 2`` when ``r <= 20``, else ``r / 2``.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade.
    * Range: -1 and up.
    * Language: English.
    * Short or empty text: 0.0 without sentences (the empty string); a text
      with a textstat sentence but no word (punctuation only) gets -1.0
      (textstat's arithmetic; NaN with ``undefined="nan"``). Only the first 100
      words count, so a long text is judged by its opening.

    References
    ----------
    O'Hayre, J. (1966). *Gobbledygook Has Gotta Go*. US Department of the
    Interior, Bureau of Land Management (the formula's origin, for the US Air
    Force). Klare, G. R. (1974). Assessing readability. *Reading Research
    Quarterly* 10(1), 62-102.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> linsear_write_formula(count_text("The cat sat on the mat."))
    2.0
    """
    number = (c.linsear_easy * 1 + c.linsear_hard * 3) / c.linsear_sentences
    number = np.where(number <= 20, number - 2, number)
    return np.where(c.linsear_sentences == 0, 0.0, number / 2)


@_elementwise
def spache_readability(c: TextCounts) -> float:
    """Spache readability: ``0.141 * words/sentence + 0.086 * PDW2 + 0.839``.

    ``PDW2`` is the percentage of words off textstat's easy-word list with
    2+ syllables (``n_hard_2``; Spache used his own list of easy words).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a school grade.
    * Range: 0.839 and up for a text with words.
    * Language: English, texts for primary school (grades 1-3); above about
      grade 4 the other formulas are the better guide.
    * Short or empty text: 0.0 without words (textstat's placeholder, NaN with
      ``undefined="nan"``).

    References
    ----------
    Spache, G. (1953). A new readability formula for primary-grade reading
    materials. *The Elementary School Journal* 53(7), 410-413.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> round(spache_readability(count_text("The cat sat on the mat.")), 3)
    1.685
    """
    return np.where(c.n_words == 0, 0.0, 0.141 * words_per_sentence(c)
                    + 0.086 * (100 * c.n_hard_2 / c.n_words) + 0.839)


@_elementwise
def mcalpine_eflaw(c: TextCounts) -> float:
    """McAlpine EFLAW score: ``(words + miniwords) / sentences``.

    *Miniwords* have at most three characters once apostrophes are removed
    (``n_miniwords``): many short words make a sentence hard for a learner of
    English, as does length.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder for readers of English as a foreign
      language. McAlpine's scale: 20 or less very easy, 21-25 quite easy,
      26-29 a little difficult, 30 and more very confusing.
    * Range: 0 and up.
    * Language: English, for non-native readers.
    * Short or empty text: 0.0 without sentences or words (textstat's
      placeholder, NaN with ``undefined="nan"``).

    References
    ----------
    McAlpine, R., EFLAW readability score, as described in
    https://strainindex.wordpress.com/2009/04/30/mcalpine-eflaw-readability-score/
    (textstat's reference).

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> mcalpine_eflaw(count_text("The cat sat on the mat."))
    12.0
    """
    return np.where(c.n_sentences == 0, 0.0, (c.n_words + c.n_miniwords) / c.n_sentences)


@_elementwise
def lix(c: TextCounts) -> float:
    """LIX (Läsbarhetsindex): ``words/sentence + 100 * long words / words``.

    Long words have more than six characters once apostrophes are removed
    (``n_long_words``).

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder. Björnsson's scale: below 30 very easy,
      30-40 easy (fiction), 40-50 medium (newspapers), 50-60 difficult
      (official texts), above 60 very difficult.
    * Range: 0 and up.
    * Language: made for Swedish and used for many languages written with
      spaces (it needs no syllable counts).
    * Short or empty text: 0.0 without words (textstat's placeholder, NaN with
      ``undefined="nan"``).

    References
    ----------
    Björnsson, C. H. (1968). *Läsbarhet*. Stockholm: Liber.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> lix(count_text("The cat sat on the mat."))
    6.0
    """
    return np.where(c.n_words == 0, 0.0,
                    words_per_sentence(c) + 100 * c.n_long_words / c.n_words)


@_elementwise
def rix(c: TextCounts) -> float:
    """RIX: long words per sentence (``n_long_words / n_sentences``).

    Long words have more than six characters once apostrophes are removed.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; Anderson (1983) gives a table from RIX to
      US school grades.
    * Range: 0 and up.
    * Language: any language written with spaces, like LIX.
    * Short or empty text: 0.0 without sentences (textstat's guard; NaN with
      ``undefined="nan"`` when there are no words).

    References
    ----------
    Anderson, J. (1983). Lix and Rix: variations on a little-known
    readability index. *Journal of Reading* 26(6), 490-496.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> rix(count_text("The cat sat on the mat."))
    0.0
    """
    return _ratio(c.n_long_words, c.n_sentences)


def _grades(score) -> list[np.ndarray]:
    return [np.floor(score), np.ceil(score), np.round(score)]  # round: half to even, as Python


_CONSENSUS = ("smog_index", "coleman_liau_index", "automated_readability_index",
              "dale_chall_readability_score", "linsear_write_formula", "gunning_fog")
_EASE_BANDS = ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12))
"""Flesch reading ease from ``low`` to below ``low + 10``: grade; 60-70 adds 9 too; else 13."""


def consensus_grade(scores: dict) -> np.ndarray:
    """textstat's ``text_standard`` from the formula values (floats or arrays).

    Parameters
    ----------
    scores : dict
        ``flesch_reading_ease``, ``flesch_kincaid_grade`` and the six formulas
        of the consensus (``smog_index``, ``coleman_liau_index``,
        ``automated_readability_index``, ``dale_chall_readability_score``,
        ``linsear_write_formula``, ``gunning_fog``), by name.

    Returns
    -------
    numpy.ndarray
        The consensus grade, 1-18 (see :func:`text_standard`).
    """
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

    The most common of the floor, ceiling and rounded value of seven grade
    formulas (Flesch-Kincaid, SMOG, Coleman-Liau, ARI, Dale-Chall, Linsear
    Write, Gunning fog) plus a grade band of the Flesch reading ease (first
    seen wins a tie); see :func:`consensus_grade`.

    Parameters
    ----------
    c : TextCounts
        The counts of one document (a float is returned) or of many
        documents (arrays: an array is returned, one value each).

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    * Direction: higher = harder; a US school grade.
    * Range: 1 to 18 (clamped).
    * Language: English, like the formulas it combines.
    * Short or empty text: 1.0 for a text without words (every formula gives
      its placeholder 0.0; NaN with ``undefined="nan"``).

    References
    ----------
    textstat 0.7.13, ``text_standard``.

    Examples
    --------
    >>> from corpus_tools.readability.counts import count_text
    >>> text_standard(count_text("The cat sat on the mat."))
    2.0
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
