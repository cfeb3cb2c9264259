"""Which words are too common to tell documents apart? English stop words.

The list ships with the package (NLTK's ``stopwords`` corpus needs a
download, which corpus-tools never does at run time). It is the English stop
word list of the Snowball project (Porter, 2001;
``snowball.tartarus.org/algorithms/english/stop.txt``, BSD licence), the
list NLTK's English stopwords are based on: pronouns, auxiliaries, articles,
conjunctions, prepositions and their contracted forms (``don't``, ``i'm``).
Snowball leaves ``us`` out on purpose (``US`` = United States), and so does
this list.

Words are stored as :func:`corpus_tools.segment.normalize` gives them
(lower case, straight apostrophe), so a token matches whatever its case or
apostrophe style.
"""

from __future__ import annotations

from collections.abc import Iterable

from .segment import normalize

__all__ = ["ENGLISH_STOPWORDS", "resolve_stopwords"]

ENGLISH_STOPWORDS: frozenset[str] = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs
themselves what which who whom this that these those am is are was were be
been being have has had having do does did doing would should could ought
i'm you're he's she's it's we're they're i've you've we've they've i'd you'd
he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't
wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't
shan't shouldn't can't cannot couldn't mustn't let's that's who's what's
here's there's when's where's why's how's a an the and but if or because as
until while of at by for with about against between into through during
before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more
most other some such no nor not only own same so than too very
""".split())
"""The Snowball English stop word list (174 words, normalised)."""


def resolve_stopwords(stopwords: str | Iterable[str] | None) -> frozenset[str]:
    """Turn a ``stopwords=`` argument into a set of normalised words.

    Parameters
    ----------
    stopwords : "english", iterable of str, or None
        ``None`` (no stop words), ``"english"`` (:data:`ENGLISH_STOPWORDS`)
        or the user's own words, matched after
        :func:`~corpus_tools.segment.normalize` (case and apostrophe style
        do not matter).

    Returns
    -------
    frozenset of str

    Raises
    ------
    ValueError
        For a string other than ``"english"`` (a single word would otherwise
        be read as a list of letters).

    Examples
    --------
    >>> sorted(resolve_stopwords(["The", "Don’t"]))
    ["don't", 'the']
    >>> "the" in resolve_stopwords("english")
    True
    """
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        if stopwords.lower() == "english":
            return ENGLISH_STOPWORDS
        raise ValueError(f"stopwords={stopwords!r}: pass 'english', None or a list of "
                         f"words (e.g. stopwords=[{stopwords!r}])")
    return frozenset(normalize(str(w)) for w in stopwords)
