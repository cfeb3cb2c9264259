"""Where are the sentences and words of a text?

This module owns text segmentation for the whole toolkit: every analysis
(corpus loading, readability, grammar, term counts, rewrite detection) splits
sentences and words with the functions below, so that counts agree across
tables and every reported offset points into the document's ``text``.

It needs no downloaded data. NLTK's ``word_tokenize``/``sent_tokenize`` need
the ``punkt`` models; instead this module uses a single compiled regular
expression for words (Penn-Treebank-like, with character offsets) and a
rule-based sentence splitter with an abbreviation list and Punkt's main
orthographic cue (a period followed by a lower-case word does not end a
sentence).

Conventions
-----------
* Offsets are Python ``str`` indices: ``text[start:end]`` is the token.
* Word tokens keep internal hyphens and apostrophes (``front-line``,
  ``don't``, ``o'clock``); the clitics ``'s 're 've 'll 'd 'm`` (straight or
  curly apostrophe) are split off as tokens of kind ``"clitic"``, as in the
  Penn Treebank, so ``president's`` gives ``president`` + ``'s``.
* Dotted acronyms keep their dots (``U.S.``, ``e.g.``); titles such as
  ``Mr.`` give ``Mr`` + ``.`` but never end a sentence.
* Curly quotes and apostrophes are recognised everywhere straight ones are.
* A blank line always ends a sentence (a title has no final period); a
  single line break ends one unless the next line starts in lower case (a
  hard-wrapped paragraph).

Token kinds: ``word`` (letters/digits, acronyms, @handles, #tags),
``number`` (starts with a digit: ``1.13bn``, ``99,000``, ``2003``, ``52-48``,
``28-year-old``),
``clitic``, ``url`` (web addresses and e-mail), ``punct`` (punctuation and
symbols, one character or a run of dots/dashes). ``n_words`` everywhere
counts the kinds in :data:`WORD_KINDS`.

Examples
--------
>>> [t.text for t in tokens("Mr. Putin’s U.S. trip—cancelled.")]
['Mr', '.', 'Putin', '’s', 'U.S.', 'trip', '—', 'cancelled', '.']
>>> [sentence for sentence, _ in iter_sentences("Mr. Smith left. He's gone.")]
['Mr. Smith left.', "He's gone."]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

__all__ = [
    "Span",
    "Token",
    "WORD_KINDS",
    "tokens",
    "token_matches",
    "MATCH_KIND",
    "words",
    "word_spans",
    "sentence_spans",
    "iter_sentences",
    "sentence_tokens",
    "sentence_words",
    "count_words",
    "normalize",
]

WORD_KINDS = frozenset({"word", "number", "url"})
"""Token kinds that count as words in ``n_words`` and in every analysis."""


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` into a text."""

    start: int
    end: int


class Token(NamedTuple):
    """One token: its text, its character offsets and its kind."""

    text: str
    start: int
    end: int
    kind: str


_APOS = "'’"
_CLITICS = r"(?:s|re|ve|ll|d|m)"
_EMAIL = r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""
_TOKEN_PATTERN = rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]
        {_EMAIL})
    |(?P<acronym>(?<![^\W_])(?:[^\W\d_]\.){{2,}})
    |(?P<number>\d+(?:[.,:/]\d+)*[^\W_]*(?:-[^\W_]+)*)
    |(?P<clitic>[{_APOS}]{_CLITICS}(?![^\W_]))
    |(?P<word>[@\#]?[^\W_]+(?:(?:-|[{_APOS}](?!{_CLITICS}(?![^\W_])))[^\W_]+)*)
    |(?P<punct>\.{{2,}}|-{{2,}}|\S)
    """
_TOKEN_RE = re.compile(_TOKEN_PATTERN, re.VERBOSE | re.IGNORECASE)
# The same expression without the e-mail branch, which can only match where
# the text has an "@": most texts have none, and trying the branch at every
# word costs about a tenth of the tokenizing time.
_TOKEN_RE_NO_EMAIL = re.compile(_TOKEN_PATTERN.replace(_EMAIL, "", 1),
                                re.VERBOSE | re.IGNORECASE)


def _token_re(text: str, start: int = 0, end: int | None = None) -> re.Pattern:
    """The tokenizer's expression for ``text[start:end]`` (same tokens either way)."""
    return _TOKEN_RE if text.find("@", start, end) >= 0 else _TOKEN_RE_NO_EMAIL


_KIND = {"url": "url", "acronym": "word", "number": "number", "clitic": "clitic",
         "word": "word", "punct": "punct"}


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text`` (or ``text[start:end]``) into tokens with offsets.

    Parameters
    ----------
    text : str
        The document.
    start, end : int, optional
        Tokenize only this part of ``text``; offsets stay relative to the
        whole ``text``.

    Returns
    -------
    list of Token
        Every non-space character of the range belongs to exactly one token.
    """
    if end is None:
        end = len(text)
    kind = _KIND
    return [Token(m.group(), m.start(), m.end(), kind[m.lastgroup])
            for m in _token_re(text, start, end).finditer(text, start, end)]


MATCH_KIND = dict(_KIND)
"""Token kind of a match of :func:`token_matches`: ``MATCH_KIND[m.lastgroup]``
(the regular expression's groups are the kinds plus ``acronym``, a ``word``)."""


def token_matches(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """The tokens of :func:`tokens` as regular-expression matches, for hot loops.

    Same tokens, same offsets, in the same order, without building a
    :class:`Token` per token: ``m.group()`` is the text, ``m.start()`` /
    ``m.end()`` the offsets and ``MATCH_KIND[m.lastgroup]`` the kind.
    Used where every document of a large corpus is read once.
    """
    if end is None:
        end = len(text)
    return _token_re(text, start, end).finditer(text, start, end)


_WORD_GROUPS = frozenset(g for g, k in _KIND.items() if k in WORD_KINDS)


def _word_texts(text: str, spans, lowercase: bool) -> list[list[str]]:
    src = text
    if lowercase:
        # Matching ignores case and treats both apostrophes alike, so the
        # tokens of the normalised text are the normalised tokens whenever
        # normalising keeps every offset (it does unless a character changes
        # length when case-folded, such as "İ").
        low = normalize(text)
        if len(low) == len(text):
            src, lowercase = low, False
    finditer, groups = _token_re(src).finditer, _WORD_GROUPS
    out = []
    for start, end in spans:
        ws = [m.group() for m in finditer(src, start, end) if m.lastgroup in groups]
        if ws:
            out.append([normalize(w) for w in ws] if lowercase else ws)
    return out


def words(text: str, *, lowercase: bool = False) -> list[str]:
    """The word tokens of ``text`` (kinds in :data:`WORD_KINDS`), as strings.

    Parameters
    ----------
    text : str
        The document.
    lowercase : bool, default False
        Return :func:`normalize`-d words (case-folded, straight apostrophes).
    """
    found = _word_texts(text, ((0, len(text)),), lowercase)
    return found[0] if found else []


def sentence_words(text: str, *, lowercase: bool = False) -> list[list[str]]:
    """The word tokens of each sentence of ``text``, as strings.

    The same words as :func:`words`, grouped by :func:`sentence_spans`;
    sentences without a word (e.g. a lone "--") are left out. This is the
    input of every n-gram count, so n-grams never cross a sentence boundary.

    Examples
    --------
    >>> sentence_words("The U.S. Senate met. It voted 52-48, didn't it?", lowercase=True)
    [['the', 'u.s.', 'senate', 'met'], ['it', 'voted', '52-48', "didn't", 'it']]
    """
    return _word_texts(text, sentence_spans(text), lowercase)


def word_spans(text: str) -> list[Span]:
    """Offsets of the word tokens of ``text`` (``span_tokenize`` style)."""
    return [Span(t.start, t.end) for t in tokens(text) if t.kind in WORD_KINDS]


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of word tokens in ``text[start:end]`` (same rule as :func:`words`)."""
    n = 0
    end = len(text) if end is None else end
    for m in _token_re(text, start, end).finditer(text, start, end):
        g = m.lastgroup
        if g != "punct" and g != "clitic":
            n += 1
    return n


def normalize(word: str) -> str:
    """Case-fold a token and make its apostrophes straight (``’S`` -> ``'s``)."""
    return word.replace("’", "'").lower()


# --- sentences --------------------------------------------------------------

# Titles and other abbreviations that are (almost) never the last word of a
# sentence when followed by a period.
_TITLES = frozenset("""
mr mrs ms mssrs messrs dr prof gen col lt capt cpt sgt maj cmdr adm brig cdr
rep reps sen sens gov pres supt insp det st ste mt ft hon rev fr sr jr esq
""".split())
# Abbreviations that end sentences only when the next word is a typical
# sentence opener ("... Ltd. The firm" vs "Ltd. shares").
_ENDABLE = frozenset("""
inc ltd co corp plc bros llc etc al dept univ assn approx est
""".split())
# Abbreviations followed by a number ("No. 10", "Jan. 5", "p. 4").
_BEFORE_NUMBER = frozenset("""
no nos vol vols p pp fig figs art ch sec jan feb mar apr jun jul aug sep sept
oct nov dec
""".split())
# Capitalised words that typically open a sentence; after an acronym or an
# "endable" abbreviation they signal a boundary.
_OPENERS = frozenset("""
A An The This That These Those It Its He She They We I You His Her Their Our
But And Or So Yet In On At For With From By As If When While After Before
Since Although Though However Meanwhile There Here Then Now Some Many Most
One Two Three Mr Mrs Ms Dr What Who Why How Where Which Last Next Earlier
Later Other Such Both Each Every All No Not Also Still Even
""".split())

_CANDIDATE_RE = re.compile(
    r"""(?P<nl>\n(?:[ \t\r\f\v]*\n)*)|(?P<end>(?:[.!?]+|…)["'”’»)\]]*)(?=\s|$)""")
_NEXT_RE = re.compile(r"""\s*["'“‘(\[«]*(\S*)""")
_OPENING = "\"'“‘([«"
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _is_boundary(text: str, m: re.Match) -> bool:
    nxt = _NEXT_RE.match(text, m.end()).group(1)
    if not nxt:
        return True
    if nxt[0].islower():
        return False
    punct = m.group().rstrip("\"'”’»)]")
    if punct != ".":
        return True
    end = m.start()
    lo = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end),
             text.rfind("\t", 0, end)) + 1
    prev = text[lo:end].lstrip(_OPENING)
    if not prev:
        return True
    low = prev.lower()
    if low in _TITLES:
        return False
    if len(prev) == 1 and prev.isupper():  # an initial: "George W. Bush"
        return False
    if low in _BEFORE_NUMBER:
        return not nxt[0].isdigit()
    if low in _ENDABLE or _DOTTED_RE.fullmatch(prev):
        return nxt.rstrip(",;:") in _OPENERS
    return True


def sentence_spans(text: str) -> list[Span]:
    """Offsets of the sentences of ``text``, whitespace trimmed.

    Parameters
    ----------
    text : str
        The document.

    Returns
    -------
    list of Span
        Non-empty, non-overlapping, in order; ``text[start:end]`` is the
        sentence without surrounding whitespace. An empty or blank text has
        no sentences.

    Examples
    --------
    >>> t = "He met U.S. officials. The talks ended.\\n\\nNext day"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['He met U.S. officials.', 'The talks ended.', 'Next day']
    """
    spans: list[Span] = []
    start = 0
    for m in _CANDIDATE_RE.finditer(text):
        if m.lastgroup == "nl":
            if m.group().count("\n") == 1:
                nxt = _NEXT_RE.match(text, m.end()).group(1)
                if nxt and nxt[0].islower():
                    continue
            cut = m.start()
        elif _is_boundary(text, m):
            cut = m.end()
        else:
            continue
        _emit(spans, text, start, cut)
        start = m.end()
    _emit(spans, text, start, len(text))
    return spans


def _emit(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


def iter_sentences(text: str) -> Iterator[tuple[str, Span]]:
    """Yield ``(sentence_text, span)`` for each sentence of ``text``."""
    for s in sentence_spans(text):
        yield text[s.start:s.end], s


def sentence_tokens(text: str) -> list[tuple[Span, list[Token]]]:
    """Each sentence's span with its tokens (offsets into ``text``).

    Tokens never cross sentence boundaries, so this is the same token
    sequence as :func:`tokens` grouped by sentence.
    """
    return [(s, tokens(text, s.start, s.end)) for s in sentence_spans(text)]


# --- fast path: normalising every token of a text at once -----------------------
#
# Kept apart from the tokenizer and the sentence splitter above: it only ever
# calls normalize() or does what normalize() does, and nothing above uses it.

from collections.abc import Iterable, Sequence  # noqa: E402  (this block only)

__all__.append("normalize_tokens")


def normalize_tokens(text: str, groups: Iterable[Sequence[Token]]) -> list[list[str]]:
    """:func:`normalize` of every token of ``text``, group by group (a fast path).

    The same lists as ``[[normalize(t.text) for t in group] for group in groups]``,
    built faster: where the part of ``text`` a group covers has no curly
    apostrophe, :func:`normalize` only case-folds, so each token's text is
    case-folded directly. Used where every token of every document is read
    (the grammar rules).

    Parameters
    ----------
    text : str
        The document.
    groups : iterable of sequences of Token
        Tokens of ``text`` with their offsets, in order, e.g. the token lists
        of :func:`sentence_tokens`.

    Returns
    -------
    list of list of str
        One list per group, one normalised string per token.

    Examples
    --------
    >>> text = "It’s OK. WE’RE fine."
    >>> normalize_tokens(text, [toks for _, toks in sentence_tokens(text)])
    [['it', "'s", 'ok', '.'], ['we', "'re", 'fine', '.']]
    """
    if "’" not in text:
        return [[t.text.lower() for t in group] for group in groups]
    return [[normalize(t.text) for t in group]
            if group and "’" in text[group[0].start:group[-1].end]
            else [t.text.lower() for t in group] for group in groups]
