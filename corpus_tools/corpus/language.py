"""Which language is each document in?

corpus-tools' readability formulas, grammar rules and word lists are for
English. :func:`detect_language` gives each document an ISO 639-1 code
(``"en"``, ``"ru"``...) offline, with the model that ships inside the
``py3langid`` wheel; :func:`english_mask` says which documents the English
analyses apply to.

Most news text is recognised as English from its function words alone (a
fast check on the first 2,000 characters: at least 8% of the words are
"the", "of", "and"..., and "the" occurs at least twice); only the others are
passed to py3langid, whose model takes about a second to load (once per
process, and only when a document needs it) and a millisecond per document.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import pandas as pd

__all__ = ["Language", "detect_language", "english_mask", "LanguageOptions"]

_FUNCTION_WORDS = frozenset("""the of and to that is was for with on it he she they his her
their has have had been be by this from are were said at as but not which who would will""".split())


class LanguageOptions(NamedTuple):
    """How :func:`detect_language` decides.

    Attributes
    ----------
    sample_chars : int, default 2000
        Characters read from the start of the document (a title and a few
        paragraphs: enough for both methods, and constant time for a huge
        document).
    min_words : int, default 8
        Fewer words than this in the sample: the language is ``""``
        (undetermined). py3langid guesses wildly on two or three words.
    english_share : float, default 0.08
        Share of the sample's words that are English function words for the
        fast "English" verdict (with at least ``min_the`` "the"). English
        news has 0.2 to 0.5 (BBC News: all of 2,225 articles at least 0.10,
        the lowest being team line-ups); German, French, Spanish, Dutch and
        Russian text have almost none and no "the".
    min_the : int, default 2
        Occurrences of "the" the fast verdict needs: the one English word no
        other language writes.
    min_confidence : float, default 0.5
        py3langid's probability below which the language is ``""``.
    """

    sample_chars: int = 2000
    min_words: int = 8
    english_share: float = 0.08
    min_the: int = 2
    min_confidence: float = 0.5


class Language(NamedTuple):
    """A verdict: ``code`` (ISO 639-1, ``""`` when undetermined) and how it was reached."""

    code: str
    how: str


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, options: LanguageOptions = LanguageOptions()) -> Language:
    """The language of ``text`` (see the module docstring).

    Examples
    --------
    >>> detect_language("The council said on Monday that it would approve the plan.")
    Language(code='en', how='English function words: 64% of 11 words')
    >>> detect_language("Too short.").code
    ''
    """
    sample = text[:options.sample_chars]
    # whitespace-separated words, not the corpus tokenizer: nothing counted
    # here is reported, and C-level splitting and look-ups keep the check at
    # a few microseconds (a word with punctuation attached is not counted)
    words = sample.lower().split()
    if len(words) < options.min_words:
        return Language("", f"too short to tell ({len(words)} words)")
    share = sum(map(_FUNCTION_WORDS.__contains__, words)) / len(words)
    if share >= options.english_share and words.count("the") >= options.min_the:
        return Language("en", f"English function words: {share:.0%} of {len(words)} words")
    code, p = _identifier().classify(sample)
    if p < options.min_confidence:
        return Language("", f"py3langid is unsure (best guess {code}, p={p:.2f})")
    return Language(code, f"py3langid, p={p:.2f}")


def english_mask(corpus: pd.DataFrame) -> pd.Series:
    """True for the documents English-only analyses apply to.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame. Its ``language`` column is used when present (as
        :func:`~corpus_tools.corpus.load_corpus` makes it); otherwise each
        text is checked with :func:`detect_language`.

    Returns
    -------
    pandas.Series
        Boolean, same index as ``corpus``, named ``english``: True where the
        language is ``"en"`` or undetermined (``""``: too short to tell),
        False for documents detected in another language.
    """
    if "language" in corpus.columns:
        codes = corpus["language"].fillna("").astype(str)
    else:
        codes = corpus["text"].map(lambda t: detect_language(t).code if isinstance(t, str) else "")
    return pd.Series(codes.isin(["en", ""]).to_numpy(), index=corpus.index, name="english")
