"""What does a document keep when it is rewritten? Per-document features for rewrite detection.

Every document is tokenized once (with :mod:`corpus_tools.segment`) into a
:class:`DocFeatures`: its sentences as lists of word tokens, its
*immutables* (the words a spinner cannot change without changing the story:
numbers, names and rare words; "immutables" after DSpin, Zhang et al. 2014),
its content words and its word 4-gram shingles. Candidate search
(:mod:`corpus_tools.candidates`), sentence alignment (:mod:`corpus_tools.align`)
and the verdict (:mod:`corpus_tools.rewrites`) all work from these.

Word frequencies come from :mod:`wordfreq` (``zipf_frequency``, English,
offline): the Zipf scale is log10 of occurrences per billion words, so 7 is
"the", 4 an everyday word, 2-3 a rare one and 0 a word wordfreq does not know.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from zlib import crc32

from .segment import Span, Token, WORD_KINDS, normalize, sentence_tokens, tokens
from .stopwords import ENGLISH_STOPWORDS

__all__ = ["DocFeatures", "doc_features", "zipf", "is_known_word"]

#: A word at or below this Zipf frequency counts as rare (an immutable).
RARE_ZIPF = 3.0
#: A capitalised word above this Zipf frequency is not taken for a name.
NAME_MAX_ZIPF = 4.5
SHINGLE_SIZE = 4


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


_ZIPF_CACHE: dict[str, float] = {}


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in everyday English (wordfreq), 0.0 when unknown.

    Parameters
    ----------
    word : str
        A word; case and apostrophe style are normalised first.

    Returns
    -------
    float
        0 (unknown) to about 8 ("the"); higher = more common. Equal to
        ``wordfreq.zipf_frequency(word, "en")``; plain alphabetic words are
        looked up in wordfreq's frequency table directly (much faster).
    """
    z = _ZIPF_CACHE.get(word)
    if z is not None:
        return z
    w = normalize(word)
    if w.isalpha() and w.isascii():
        f = _frequencies().get(w)
        z = 0.0 if not f else round(math.log10(f) + 9.0, 2)
        z = max(z, 0.0)
    else:
        from wordfreq import zipf_frequency

        z = zipf_frequency(w, "en")
    if len(_ZIPF_CACHE) < 1_000_000:  # a per-process memo of a pure function
        _ZIPF_CACHE[word] = z
    return z


def is_known_word(word: str) -> bool:
    """True when wordfreq knows ``word`` (lower-cased) as an English word."""
    return zipf(word) > 0.0


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


def doc_features(doc_id: str, text: str, *, full: bool = True) -> DocFeatures:
    """Tokenize ``text`` once and compute its :class:`DocFeatures`.

    With ``full=False`` the text and the sentence tables (``spans``,
    ``sent_tokens``, ``sent_words``) are left empty to save memory: the sets are enough to
    find candidate pairs in a large corpus. Empty or blank text gives a
    document with no sentences and empty sets.
    """
    text = "" if text is None else str(text)
    if not full:
        return _sketch(doc_id, text)
    spans: list[Span] = []
    sent_toks: list[tuple[Token, ...]] = []
    sent_words: list[tuple[str, ...]] = []
    immutables: set[str] = set()
    content: set[str] = set()
    shingles: set[int] = set()
    nonwords = 0
    n_words = 0
    for span, toks in sentence_tokens(text):
        wt = tuple(t for t in toks if t.kind in WORD_KINDS)
        if not wt:
            continue
        ws = tuple(normalize(t.text) for t in wt)
        if full:
            spans.append(span)
            sent_toks.append(wt)
            sent_words.append(ws)
        n_words += len(wt)
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
            first = t.text[:1]
            if first.isupper():
                if f <= NAME_MAX_ZIPF and (k > 0 or f <= RARE_ZIPF + 0.5):
                    immutables.add(w)
            elif f <= RARE_ZIPF and len(w) >= 4 and w.isalpha():
                immutables.add(w)
            if f == 0.0 and first.islower() and len(w) >= 3 and w.isalpha():
                nonwords += 1
        for k in range(len(ws) - SHINGLE_SIZE + 1):
            shingles.add(crc32(" ".join(ws[k:k + SHINGLE_SIZE]).encode("utf-8", "replace")))
    return DocFeatures(doc_id, text, tuple(spans), tuple(sent_toks), tuple(sent_words),
                       n_words, frozenset(immutables), frozenset(content),
                       frozenset(shingles), nonwords, _sentence_weights(sent_words))


HASH_BITS = 22


def word_weight(word: str) -> float:
    """Weight of a normalised word in sentence similarity: 0.3 for stop words, else
    ``6 - zipf`` clipped to 1-4 (rare words and names count most)."""
    if word in ENGLISH_STOPWORDS:
        return 0.3
    return min(4.0, max(1.0, 6.0 - zipf(word)))


_COLUMN_CACHE: dict[str, tuple[int, float]] = {}


def _sentence_weights(sent_words):
    import numpy as np
    from scipy import sparse

    mask = (1 << HASH_BITS) - 1
    indptr, cols, vals = [0], [], []
    cache = _COLUMN_CACHE
    for sent in sent_words:
        for w in set(sent):
            cw = cache.get(w)
            if cw is None:
                cw = (crc32(w.encode("utf-8", "replace")) & mask, word_weight(w))
                if len(cache) < 1_000_000:
                    cache[w] = cw
            cols.append(cw[0])
            vals.append(cw[1])
        indptr.append(len(cols))
    m = sparse.csr_matrix((np.asarray(vals, dtype=np.float64), np.asarray(cols, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)),
                          shape=(len(sent_words), 1 << HASH_BITS))
    m.sum_duplicates()
    return m


_SENTENCE_END = frozenset(".!?…")


def _sketch(doc_id: str, text: str) -> DocFeatures:
    """The sets of :func:`doc_features` from one pass of :func:`segment.tokens`.

    A word counts as sentence-initial after ``.``/``!``/``?``, a line break
    or at the start (close to, and much cheaper than, the sentence
    splitter).
    """
    immutables: set[str] = set()
    content: set[str] = set()
    shingles: set[int] = set()
    nonwords = 0
    n_words = 0
    window: list[str] = []
    stop = ENGLISH_STOPWORDS
    zcache = _ZIPF_CACHE
    word_kinds = WORD_KINDS
    ends = _SENTENCE_END
    add_shingle = shingles.add
    line_start = 0
    # Tokens never cross a line break, so each line is tokenized on its own
    # (same tokens as one pass); a line break starts a new sentence.
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        initial = True
        window = []
        for raw, _, _, kind in tokens(text, line_start, line_end):
            if kind not in word_kinds:
                if kind == "punct" and raw in ends:
                    initial = True
                    window = []
                continue
            n_words += 1
            w = raw.lower()
            if "’" in w:
                w = w.replace("’", "'")
            window.append(w)
            if len(window) >= SHINGLE_SIZE:
                add_shingle(crc32(" ".join(window[-SHINGLE_SIZE:]).encode("utf-8", "replace")))
            first_word = initial
            initial = False
            if w in stop:
                continue
            content.add(w)
            if kind == "number":
                immutables.add(w)
                continue
            if kind != "word":
                continue
            f = zcache.get(w)
            if f is None:
                f = zipf(w)
            first = raw[0]
            if first.isupper():
                if f <= NAME_MAX_ZIPF and (not first_word or f <= RARE_ZIPF + 0.5):
                    immutables.add(w)
            elif f <= RARE_ZIPF and len(w) >= 4 and w.isalpha():
                immutables.add(w)
            if f == 0.0 and first.islower() and len(w) >= 3 and w.isalpha():
                nonwords += 1
        line_start = line_end + 1
    return DocFeatures(doc_id, "", (), (), (), n_words, frozenset(immutables),
                       frozenset(content), frozenset(shingles), nonwords)
