"""Which sentences are hardest? Per-sentence words, syllables and grade."""

from __future__ import annotations

import math

import pandas as pd

from ..corpus import check_corpus
from ..engines import is_dask, on_dask
from ..progress import progress as _progress
from ..segment import WORD_KINDS, sentence_tokens
from .counts import SyllableCounter, textstat_words

__all__ = ["sentence_readability", "hardest_sentences", "SENTENCE_COLUMNS"]


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
        in document order, default integer index. Columns ``doc_id`` (str),
        ``sentence`` (0-based number of the sentence in its document, as in
        :func:`corpus_tools.grammar_errors`), ``start``, ``end``
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
    if is_dask(corpus):
        return on_dask("sentence_readability", corpus, progress=progress)
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
    return out.astype({"doc_id": "str", "sentence": "int64", "start": "int64", "end": "int64",
                       "text": "str", "n_words": "int64", "n_syllables": "int64",
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
        The selected rows, hardest first (ties in document order), on a new
        default integer index (``doc_id`` and ``sentence`` say which
        sentence each row is).
    """
    if by not in sentences.columns:
        raise KeyError(f"hardest_sentences: no column {by!r} in the sentence table "
                       f"(columns: {', '.join(map(str, sentences.columns))})")
    ranked = sentences.dropna(subset=[by]).sort_values(by, ascending=False, kind="stable")
    if per_document:
        return ranked.groupby("doc_id", sort=False).head(n).reset_index(drop=True)
    return ranked.head(n).reset_index(drop=True)
