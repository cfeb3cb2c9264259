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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from zlib import crc32

from ..segment import (MATCH_KIND, WORD_KINDS, Token, normalize, sentence_spans,
                      token_matches)
from ..lexicon import NAME_MAX_ZIPF, RARE_ZIPF, zipf
from ..similarity import word_weight
from ..stopwords import ENGLISH_STOPWORDS

__all__ = ["DocFeatures", "doc_features", "word_hash", "SHINGLE_SIZE", "HASH_BITS"]

SHINGLE_SIZE = 4


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
        save memory: the sets are enough to find candidate pairs in a large
        corpus.
    sets : bool, default True
        With ``sets=False`` (and ``full=True``) ``immutables``, ``content``
        and ``shingles`` are left empty: sentence alignment does not use
        them.

    Empty or blank text gives a document with no sentences and empty sets.
    """
    text = "" if text is None else str(text)
    if not full:
        return _sketch(doc_id, text)
    spans, sent_toks, sent_words = _sentences(text)
    n_words = sum(map(len, sent_words))
    nonwords = 0
    for t in itertools.chain.from_iterable(sent_toks):
        first = t.text[:1]
        if (first.islower() and len(t.text) >= 3 and t.kind == "word" and t.text.isalpha()
                and zipf(t.text) == 0.0):
            nonwords += 1
    immutables: set[str] = set()
    content: set[str] = set()
    shingles: set[int] = set()
    if sets:
        for wt, ws in zip(sent_toks, sent_words):
            for k, (t, w) in enumerate(zip(wt, ws)):
                if w in ENGLISH_STOPWORDS:
                    continue
                content.add(w)
                if t.kind == "number":
                    immutables.add(w)
                    continue
                if t.kind != "word":
                    continue
                f = zipf(w)
                if t.text[:1].isupper():
                    if f <= NAME_MAX_ZIPF and (k > 0 or f <= RARE_ZIPF + 0.5):
                        immutables.add(w)
                elif f <= RARE_ZIPF and len(w) >= 4 and w.isalpha():
                    immutables.add(w)
            for k in range(len(ws) - SHINGLE_SIZE + 1):
                shingles.add(crc32(" ".join(ws[k:k + SHINGLE_SIZE]).encode("utf-8", "replace")))
    return DocFeatures(doc_id, text, spans, sent_toks, sent_words, n_words,
                       frozenset(immutables), frozenset(content), frozenset(shingles),
                       nonwords, _sentence_weights(sent_words))


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


HASH_BITS = 22


@lru_cache(maxsize=1 << 20)
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


_SENTENCE_END = frozenset(".!?…")
_NOT_WORD = frozenset(g for g, k in MATCH_KIND.items() if k not in WORD_KINDS)
_WORDISH = frozenset(g for g, k in MATCH_KIND.items() if k == "word")


def _sketch(doc_id: str, text: str) -> DocFeatures:
    """The sets of :func:`doc_features` from one pass of the tokenizer.

    A word counts as sentence-initial after ``.``/``!``/``?``, a line break
    or at the start (close to, and much cheaper than, the sentence
    splitter). This runs on every document of the corpus, so the
    tokenizer's matches are read directly (no
    :class:`~corpus_tools.segment.Token` objects), each line is handled with
    comprehensions, and the word-frequency tests run once per distinct word.
    """
    shingles: set[int] = set()
    words: list[str] = []  # normalised words, in order
    numbers: set[str] = set()
    caps: set[str] = set()  # capitalised words inside a sentence
    caps_initial: set[str] = set()  # capitalised words opening one
    others: list[str] = []  # other words (lower case), every occurrence
    ends, plain, wordish = _SENTENCE_END, _NOT_WORD, _WORDISH
    for line in text.split("\n"):
        toks = [(m.lastgroup, m.group()) for m in token_matches(line)]
        if not toks:
            continue
        cuts = [k for k, (g, raw) in enumerate(toks) if g == "punct" and raw in ends]
        cuts.append(len(toks))
        lo = 0
        for cut in cuts:
            seg = [t for t in toks[lo:cut] if t[0] not in plain]
            lo = cut + 1
            if not seg:
                continue
            ws = normalize(" ".join([raw for _, raw in seg])).split(" ")
            words.extend(ws)
            shingles.update([crc32(" ".join(ws[k:k + SHINGLE_SIZE]).encode("utf-8", "replace"))
                             for k in range(len(ws) - SHINGLE_SIZE + 1)])
            for k, ((g, raw), w) in enumerate(zip(seg, ws)):
                if g in wordish:
                    if raw[0].isupper():
                        (caps if k else caps_initial).add(w)
                    else:
                        others.append(w)
                elif g == "number":
                    numbers.add(w)
    stop = ENGLISH_STOPWORDS
    content = set(words)
    content.difference_update(stop)
    immutables = numbers - stop
    for w in caps.difference(stop):
        if zipf(w) <= NAME_MAX_ZIPF:
            immutables.add(w)
    for w in caps_initial.difference(stop):
        if zipf(w) <= RARE_ZIPF + 0.5:
            immutables.add(w)
    nonwords = 0
    for w, n in Counter(others).items():
        if w in stop or not w.isalpha():
            continue
        f = zipf(w)
        if f <= RARE_ZIPF and len(w) >= 4:
            immutables.add(w)
        if f == 0.0 and len(w) >= 3 and w[0].islower():
            nonwords += n
    return DocFeatures(doc_id, "", (), (), (), len(words), frozenset(immutables),
                       frozenset(content), frozenset(shingles), nonwords)
