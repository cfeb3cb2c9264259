"""What does a document keep when it is rewritten? Per-document features for rewrite detection.

Every document is tokenized once (with :mod:`corpus_tools.segment`) into a
:class:`DocFeatures`: its sentences as lists of word tokens, its
*immutables* (the words a spinner cannot change without changing the story:
numbers, names and rare words; "immutables" after DSpin, Zhang et al. 2014),
its content words and its word 4-gram shingles. Candidate search
(:mod:`corpus_tools.rewrites.candidates`), sentence alignment (:mod:`corpus_tools.rewrites.align`)
and the verdict (:mod:`corpus_tools.rewrites`) all work from these.

Word frequencies come from :mod:`wordfreq` (``zipf_frequency``, English,
offline): the Zipf scale is log10 of occurrences per billion words, so 7 is
"the", 4 an everyday word, 2-3 a rare one and 0 a word wordfreq does not know.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from zlib import crc32

from ..segment import (MATCH_KIND, WORD_KINDS, Token, normalize, sentence_spans,
                      token_matches)
from ..lexicon import NAME_MAX_ZIPF, RARE_ZIPF, WORD_CACHE_SIZE, zipf
from ..similarity import word_weight
from ..stopwords import ENGLISH_STOPWORDS

__all__ = ["DocFeatures", "doc_features", "word_hash", "shingle_hashes", "prose_sentences",
           "document_numbers", "SHINGLE_SIZE",
           "HASH_BITS"]

SHINGLE_SIZE = 4
"""Words per shingle: word 4-grams inside one sentence."""


@dataclass(frozen=True)
class DocFeatures:
    """One document, tokenized once, with the features rewrite detection uses.

    Attributes
    ----------
    doc_id : str
    text : str
    spans : tuple of Span
        Sentence offsets into ``text``.
    sent_tokens : tuple of tuple of Token
        The word tokens (kinds in ``WORD_KINDS``) of each sentence.
    sent_words : tuple of tuple of str
        The same words, normalised (lower case, straight apostrophes).
    n_words : int
    immutables : frozenset of str
        Numbers, names (capitalised words that are not common words) and
        rare words (Zipf <= 3.0, at least 4 letters), normalised.
    content : frozenset of str
        Normalised words that are not stop words.
    shingles : frozenset of int
        CRC-32 hashes of word 4-grams (within sentences; stable across
        processes).
    nonwords : int
        Lower-case alphabetic words of 3+ letters that wordfreq does not know
        (typo candidates; names are capitalised and not counted).
    sent_weights : scipy.sparse.csr_matrix or None
        Sentence x hashed-word matrix of :func:`word_weight` values (each
        word once per sentence), for fast sentence similarity; None for
        ``full=False``.
    """

    doc_id: str
    text: str
    spans: tuple
    sent_tokens: tuple
    sent_words: tuple
    n_words: int
    immutables: frozenset
    content: frozenset
    shingles: frozenset
    nonwords: int
    sent_weights: object = None


def doc_features(doc_id: str, text: str, *, full: bool = True,
                 sets: bool = True) -> DocFeatures:
    """Tokenize ``text`` once and compute its :class:`DocFeatures`.

    Parameters
    ----------
    doc_id, text : str
        The document.
    full : bool, default True
        With ``full=False`` the text and the sentence tables (``spans``,
        ``sent_tokens``, ``sent_words``, ``sent_weights``) are left empty to
        save memory and time (no token objects are built): the sets are
        enough to find candidate pairs in a large corpus. The sets and
        counts are the same either way.
    sets : bool, default True
        With ``sets=False`` (and ``full=True``) ``immutables``, ``content``
        and ``shingles`` are left empty: sentence alignment does not use
        them.

    Empty or blank text gives a document with no sentences and empty sets.
    """
    text = "" if text is None else str(text)
    if not full:
        found = feature_sets(_light_sentences(text))
        return DocFeatures(doc_id, "", (), (), (), found.n_words, found.immutables,
                           found.content, found.shingles, found.nonwords)
    spans, sent_toks, sent_words = _sentences(text)
    if sets:
        found = feature_sets(WordSentence([t.kind for t in wt], [t.text for t in wt], ws)
                             for wt, ws in zip(sent_toks, sent_words))
    else:  # the counts alone, by the same rule
        found = FeatureSets(sum(map(len, sent_words)), frozenset(), frozenset(), frozenset(),
                            count_nonwords(t.text for t in itertools.chain.from_iterable(
                                sent_toks) if t.kind == "word"))
    return DocFeatures(doc_id, text, spans, sent_toks, sent_words, found.n_words,
                       found.immutables, found.content, found.shingles, found.nonwords,
                       _sentence_weights(sent_words))


_WORDISH = frozenset({"word", "acronym"})
"""Token kinds (or tokenizer group names) of words proper: not numbers, not URLs."""


class WordSentence(NamedTuple):
    """The word tokens of one sentence: their kinds (or the tokenizer's group names, where
    ``acronym`` is a ``word``), their text as written, and normalised."""

    kinds: list[str]
    raws: list[str]
    words: list[str]


class FeatureSets(NamedTuple):
    """What :func:`feature_sets` finds in a document (see :class:`DocFeatures`)."""

    n_words: int
    immutables: frozenset
    content: frozenset
    shingles: frozenset
    nonwords: int


def shingle_hashes(words: list[str] | tuple[str, ...]) -> list[int]:
    """CRC-32 hashes of the word 4-grams of one sentence (stable across processes)."""
    return [crc32(" ".join(words[k:k + SHINGLE_SIZE]).encode("utf-8", "replace"))
            for k in range(len(words) - SHINGLE_SIZE + 1)]


def feature_sets(sentences: Iterable[WordSentence]) -> FeatureSets:
    """The immutables, content words, shingles and non-word count of a document's sentences.

    The one rule for these sets (the per-corpus sketch and the full features
    both call it):

    * content words: normalised words that are not stop words;
    * immutables (after DSpin, Zhang et al. 2014): numbers; capitalised
      words at or below Zipf :data:`~corpus_tools.lexicon.NAME_MAX_ZIPF`
      (names), but opening a sentence only at or below ``RARE_ZIPF + 0.5``
      (a sentence-initial capital says little); other alphabetic words of
      4+ letters at or below :data:`~corpus_tools.lexicon.RARE_ZIPF`
      (rare words); never a stop word;
    * shingles: :func:`shingle_hashes` of every sentence;
    * non-words: lower-case alphabetic words of 3+ letters that wordfreq does
      not know (every occurrence; typo candidates).

    The word-frequency tests run once per distinct word.
    """
    shingles: set[int] = set()
    content: set[str] = set()
    numbers: set[str] = set()
    caps: set[str] = set()  # capitalised words inside a sentence
    caps_initial: set[str] = set()  # capitalised words opening one
    others: list[str] = []  # the other words (normalised), every occurrence
    n_words = 0
    for kinds, raws, ws in sentences:
        n_words += len(ws)
        shingles.update(shingle_hashes(ws))
        content.update(ws)
        for k, (kind, raw, w) in enumerate(zip(kinds, raws, ws)):
            if kind in _WORDISH:
                if raw[0].isupper():
                    (caps if k else caps_initial).add(w)
                else:
                    others.append(w)
            elif kind == "number":
                numbers.add(w)
    stop = ENGLISH_STOPWORDS
    content.difference_update(stop)
    immutables = numbers - stop
    immutables.update(w for w in caps.difference(stop) if zipf(w) <= NAME_MAX_ZIPF)
    immutables.update(w for w in caps_initial.difference(stop) if zipf(w) <= RARE_ZIPF + 0.5)
    nonwords = 0
    # A word that is not capitalised starts in lower case once normalised exactly when it
    # did as written, and normalising keeps its length and letters: one test serves both.
    for w, n in Counter(others).items():
        if not w.isalpha():
            continue
        f = zipf(w)
        if f <= RARE_ZIPF and len(w) >= 4 and w not in stop:
            immutables.add(w)
        if f == 0.0 and len(w) >= 3 and w[0].islower():
            nonwords += n
    return FeatureSets(n_words, frozenset(immutables), frozenset(content), frozenset(shingles),
                       nonwords)


def prose_sentences(f: DocFeatures, *, min_words: int, min_stopword_share: float,
                    max_capitalised_share: float) -> list[bool]:
    """Which sentences of ``f`` are prose, not a list, a table, a byline or a link list.

    A prose sentence has at least ``min_words`` words, at least
    ``min_stopword_share`` of them stop words (English prose runs at 0.35-0.5:
    "the", "of", "was") and at most ``max_capitalised_share`` capitalised
    words. A squad list ("Backs: M Blair (Edinburgh), A Craig (Glasgow), ..."),
    a results table, a byline or a "Related:" list of headlines fails one of
    these. Sentences are those of :attr:`DocFeatures.sent_tokens`.
    """
    out = []
    stop = ENGLISH_STOPWORDS
    for toks, ws in zip(f.sent_tokens, f.sent_words):
        n = len(ws)
        if n < min_words:
            out.append(False)
            continue
        n_stop = sum(1 for w in ws if w in stop)
        n_caps = sum(1 for t in toks if t.text[:1].isupper())
        out.append(n_stop >= min_stopword_share * n and n_caps <= max_capitalised_share * n)
    return out


_UNITS = {w: k for k, w in enumerate(
    "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()) if w != "_"}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "dozen": 12}
_NUMBER_WORDS = {**_UNITS, **_TENS, **_ORDINALS}
"""Number words read as the number they name. "One", "first" and "second" are left out: a
pronoun, an order and a unit of time far more often than a count."""
_DIGITS_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ONES = {w: k + 1 for k, w in enumerate("one two three four five six seven eight nine".split())}
"""The units of "twenty-one" ... "ninety-nine" (here "one" is a number)."""
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?:-("
    + "|".join(_ONES) + r"))?\b")


def document_numbers(f: DocFeatures) -> frozenset:
    """The numbers ``f`` states, as digits: "2,000" and "2000" are one number, "eight" is "8",
    "twenty-three" is "23", "3rd" is "3", "$5m" is "5", "1981-2003" is 1981 and 2003.

    What a rewrite keeps of its original's facts: a fluent rewrite writes "12 teams" for
    "twelve teams" and "July 30" for "30 July", but it does not change the numbers; two
    reports of the same kind of event ("eight teams"; "12 teams") do.
    """
    out = {m.replace(",", "") for m in _DIGITS_RE.findall(f.text)}
    for word, unit in _NUMBER_WORD_RE.findall(f.text.lower()):
        n = _NUMBER_WORDS[word]
        out.add(str(n + _ONES[unit] if unit and word in _TENS else n))
    return frozenset(out)


def count_nonwords(words: Iterable[str]) -> int:
    """How many of ``words`` (word tokens as written) are lower-case alphabetic words of 3+
    letters that wordfreq does not know (typo candidates; names are capitalised)."""
    occurrences = Counter(words)
    return sum(n for raw, n in occurrences.items()
               if raw[:1].islower() and len(raw) >= 3 and raw.isalpha() and zipf(raw) == 0.0)


_WORD_GROUPS = frozenset(g for g, k in MATCH_KIND.items() if k in WORD_KINDS)


def _sentences(text: str) -> tuple[tuple, tuple, tuple]:
    """Sentence spans, word tokens and normalised words of the sentences that have words."""
    low = normalize(text)
    if len(low) != len(text):  # case folding changed a length ("İ"): normalise per word
        low = None
    spans, sent_toks, sent_words = [], [], []
    kinds, groups, new = MATCH_KIND, _WORD_GROUPS, tuple.__new__
    for span in sentence_spans(text):
        wt = tuple([new(Token, (m.group(), m.start(), m.end(), kinds[g]))
                    for m in token_matches(text, span.start, span.end)
                    if (g := m.lastgroup) in groups])
        if not wt:
            continue
        spans.append(span)
        sent_toks.append(wt)
        if low is None:
            sent_words.append(tuple(normalize(t.text) for t in wt))
        else:
            sent_words.append(tuple([low[t.start:t.end] for t in wt]))
    return tuple(spans), tuple(sent_toks), tuple(sent_words)


def _light_sentences(text: str) -> Iterable[WordSentence]:
    """The :class:`WordSentence` of every sentence with words, from one pass of the tokenizer
    over the whole text (no :class:`~corpus_tools.segment.Token` objects; the kinds are the
    tokenizer's group names): the sentences and words of :func:`_sentences`, built for
    speed (this runs on every document of a corpus). Tokens never cross a sentence
    boundary (boundaries fall on whitespace), so each sentence's tokens are a slice."""
    spans = sentence_spans(text)
    if not spans:
        return
    groups = _WORD_GROUPS
    found = [m for m in token_matches(text) if m.lastgroup in groups]
    kinds = [m.lastgroup for m in found]
    raws = [m.group() for m in found]
    starts = [m.start() for m in found]
    words = normalize(" ".join(raws)).split(" ")  # tokens never hold whitespace
    lo = 0
    for span in spans:
        hi = bisect_left(starts, span.end, lo)
        if hi > lo:
            yield WordSentence(kinds[lo:hi], raws[lo:hi], words[lo:hi])
        lo = hi


HASH_BITS = 22
"""Bits of the hashed word columns of :attr:`DocFeatures.sent_weights`."""


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_hash(word: str) -> int:
    """CRC-32 of a word: stable across processes, remembered (words recur across documents)."""
    return crc32(word.encode("utf-8", "replace"))


def _column(word: str) -> int:
    """Hashed column of a normalised word in :attr:`DocFeatures.sent_weights`."""
    return word_hash(word) & ((1 << HASH_BITS) - 1)


def _sentence_weights(sent_words):
    import numpy as np
    from scipy import sparse

    distinct = [list(set(sent)) for sent in sent_words]
    flat = list(itertools.chain.from_iterable(distinct))
    cols = np.fromiter(map(_column, flat), dtype=np.int64, count=len(flat))
    vals = np.fromiter(map(word_weight, flat), dtype=np.float64, count=len(flat))
    indptr = np.zeros(len(distinct) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct)),
              out=indptr[1:])
    m = sparse.csr_matrix((vals, cols, indptr), shape=(len(sent_words), 1 << HASH_BITS))
    m.sum_duplicates()
    return m
