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
# Combining marks (Unicode categories Mn, Mc, Me; generated from Python's
# unicodedata 14.0.0, tests/test_segment.py checks it): a decomposed accent
# ("nai\u0308ve") belongs to the word it sits on. Python's ``\w`` does not
# include marks, so the word parts below allow runs of them after a letter.
_MARKS_UNICODE_VERSION = "14.0.0"
_MARKS_BMP = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed"
    "\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823"
    "\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903"
    "\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42"
    "\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5"
    "\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44"
    "\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    "\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    "\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    "\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    "\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf"
    "\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    "\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97"
    "\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
    "\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734"
    "\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    "\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace"
    "\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    "\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff"
    "\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672"
    "\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c"
    "\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983"
    "\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4"
    "\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed"
    "\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)
_MARKS_ASTRAL = (
    "\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-\U00010a03\U00010a05-\U00010a06"
    "\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f\U00010ae5-\U00010ae6"
    "\U00010d24-\U00010d27\U00010eab-\U00010eac\U00010f46-\U00010f50\U00010f82-\U00010f85"
    "\U00011000-\U00011002\U00011038-\U00011046\U00011070\U00011073-\U00011074"
    "\U0001107f-\U00011082\U000110b0-\U000110ba\U000110c2\U00011100-\U00011102"
    "\U00011127-\U00011134\U00011145-\U00011146\U00011173\U00011180-\U00011182"
    "\U000111b3-\U000111c0\U000111c9-\U000111cc\U000111ce-\U000111cf\U0001122c-\U00011237"
    "\U0001123e\U000112df-\U000112ea\U00011300-\U00011303\U0001133b-\U0001133c"
    "\U0001133e-\U00011344\U00011347-\U00011348\U0001134b-\U0001134d\U00011357"
    "\U00011362-\U00011363\U00011366-\U0001136c\U00011370-\U00011374\U00011435-\U00011446"
    "\U0001145e\U000114b0-\U000114c3\U000115af-\U000115b5\U000115b8-\U000115c0"
    "\U000115dc-\U000115dd\U00011630-\U00011640\U000116ab-\U000116b7\U0001171d-\U0001172b"
    "\U0001182c-\U0001183a\U00011930-\U00011935\U00011937-\U00011938\U0001193b-\U0001193e"
    "\U00011940\U00011942-\U00011943\U000119d1-\U000119d7\U000119da-\U000119e0\U000119e4"
    "\U00011a01-\U00011a0a\U00011a33-\U00011a39\U00011a3b-\U00011a3e\U00011a47"
    "\U00011a51-\U00011a5b\U00011a8a-\U00011a99\U00011c2f-\U00011c36\U00011c38-\U00011c3f"
    "\U00011c92-\U00011ca7\U00011ca9-\U00011cb6\U00011d31-\U00011d36\U00011d3a"
    "\U00011d3c-\U00011d3d\U00011d3f-\U00011d45\U00011d47\U00011d8a-\U00011d8e"
    "\U00011d90-\U00011d91\U00011d93-\U00011d97\U00011ef3-\U00011ef6\U00016af0-\U00016af4"
    "\U00016b30-\U00016b36\U00016f4f\U00016f51-\U00016f87\U00016f8f-\U00016f92\U00016fe4"
    "\U00016ff0-\U00016ff1\U0001bc9d-\U0001bc9e\U0001cf00-\U0001cf2d\U0001cf30-\U0001cf46"
    "\U0001d165-\U0001d169\U0001d16d-\U0001d172\U0001d17b-\U0001d182\U0001d185-\U0001d18b"
    "\U0001d1aa-\U0001d1ad\U0001d242-\U0001d244\U0001da00-\U0001da36\U0001da3b-\U0001da6c"
    "\U0001da75\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf\U0001e000-\U0001e006"
    "\U0001e008-\U0001e018\U0001e01b-\U0001e021\U0001e023-\U0001e024\U0001e026-\U0001e02a"
    "\U0001e130-\U0001e136\U0001e2ae\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6"
    "\U0001e944-\U0001e94a\U000e0100-\U000e01ef"
)
_MARKS = _MARKS_BMP + _MARKS_ASTRAL
_M = f"[{_MARKS}]"
# An e-mail address's local part has at most 64 characters (RFC 5321); the
# bound keeps tokenizing linear in a long run of "+" or "_" before an "@".
_EMAIL = r"""|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+"""


def _token_pattern(*, email: bool, marks: bool) -> str:
    """The tokenizer's expression, with or without the e-mail and combining-mark parts."""
    alnum = rf"[^\W_]+(?:{_M}+[^\W_]*)*" if marks else r"[^\W_]+"  # with their marks
    no_mark = f"(?!{_M})" if marks else ""
    mail = _EMAIL.replace(r"\w", rf"\w{_MARKS}") if marks else _EMAIL
    return rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]
        {mail if email else ""})
    |(?P<acronym>(?<![^\W_]){f"(?<!{_M})" if marks else ""}(?:[^\W\d_]{_M + "*" if marks else ""}\.){{2,}})
    |(?P<number>\d+(?:[.,:/]\d+)*(?:{alnum})?(?:-{alnum})*)
    |(?P<clitic>[{_APOS}]{_CLITICS}(?![^\W_]){no_mark})
    |(?P<word>[@\#]?{alnum}(?:(?:-|[{_APOS}](?!{_CLITICS}(?![^\W_]){no_mark})){alnum})*)
    |(?P<punct>\.{{2,}}|-{{2,}}|\S)
    """


_FLAGS = re.VERBOSE | re.IGNORECASE
_TOKEN_RE = re.compile(_token_pattern(email=True, marks=True), _FLAGS)
# The same tokens from simpler expressions where a part cannot match: the
# e-mail branch needs an "@", the combining-mark parts a combining mark. Most
# texts have neither, and trying those parts at every word costs about a
# tenth (e-mail) and a quarter (marks) of the tokenizing time.
_TOKEN_RES = {(email, marks): re.compile(_token_pattern(email=email, marks=marks), _FLAGS)
              for email in (False, True) for marks in (False, True)}
_BMP_MARK_RE = re.compile(f"[{_MARKS_BMP}]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_MARK_RE = re.compile(f"[{_MARKS_ASTRAL}]")


def _has_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a combining mark (fast scans only)."""
    if text.isascii():  # constant time in CPython
        return False
    if _BMP_MARK_RE.search(text, start, end):  # one character set: a fast scan
        return True
    return bool(_ASTRAL_RE.search(text, start, end) and _ASTRAL_MARK_RE.search(text, start, end))


def _token_re(text: str, start: int = 0, end: int | None = None) -> re.Pattern:
    """The tokenizer's expression for ``text[start:end]`` (same tokens either way)."""
    if end is None:
        end = len(text)
    return _TOKEN_RES[text.find("@", start, end) >= 0, _has_marks(text, start, end)]


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

# Possessive runs, and a run of [.!?] is only tried from its first character
# (the look-behind follows the first character so that the expression still
# starts with a plain character set, which the regex engine scans for fast):
# backtracking into a run, or starting inside one, can never succeed where the
# whole run failed, and retrying it made a long "....." quadratic.
_CANDIDATE_RE = re.compile(
    r"""(?P<nl>\n(?:[ \t\r\f\v]*+\n)*+)|(?P<end>(?:[.!?](?<![.!?][.!?])[.!?]*+|…)["'”’»)\]]*+)(?=\s|$)""")
_NEXT_RE = re.compile(r"""\s*["'“‘(\[«]*(\S*)""")
_OPENING = "\"'“‘([«"
_OPENING_RUN_RE = re.compile(f"[{re.escape(_OPENING)}]*")
# The longest run of letter, dot, letter, dot, ... : a word is a dotted
# acronym ("U.S", "e.g") when it is such a run of odd length, at least 3.
_ALTERNATING_RE = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]?")
_MAX_ABBREVIATION = max(map(len, _TITLES | _ENDABLE | _BEFORE_NUMBER))


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
        no sentences. Time and memory are linear in the length of ``text``.

    Examples
    --------
    >>> t = "He met U.S. officials. The talks ended.\\n\\nNext day"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['He met U.S. officials.', 'The talks ended.', 'Next day']
    """
    # The rules look at the word after each candidate boundary and, for a
    # full stop, at the word before it. Candidates come in text order, so
    # both look-ups resume where the previous one stopped instead of
    # searching from the candidate (searching back to the last space from
    # every full stop made a 10 MB document take 25 s).
    spans: list[Span] = []
    start = 0
    next_match = _NEXT_RE.match
    next_lo, next_hi, nxt_cached = 1, 0, ""   # the next word from any offset in [lo, hi]
    ws_scanned, ws_last = 0, -1               # last " ", "\n", "\t" below ws_scanned
    word_lo, word_start, dotted_end = -1, 0, 0
    for m in _CANDIDATE_RE.finditer(text):
        is_nl = m.lastgroup == "nl"
        if is_nl and m.group().count("\n") != 1:
            cut = m.start()
        else:
            pos = m.end()
            if next_lo <= pos <= next_hi:
                nxt = nxt_cached
            else:
                nm = next_match(text, pos)
                next_lo, next_hi, nxt = pos, nm.start(1), nm.group(1)
                nxt_cached = nxt
            if is_nl:
                if nxt and nxt[0].islower():
                    continue
                cut = m.start()
            elif not nxt:
                cut = pos
            elif nxt[0].islower():
                continue
            elif m.group().rstrip("\"'”’»)]") != ".":
                cut = pos
            else:
                end = m.start()
                if end > ws_scanned:
                    last = max(text.rfind(" ", ws_scanned, end), text.rfind("\n", ws_scanned, end),
                               text.rfind("\t", ws_scanned, end))
                    if last >= 0:
                        ws_last = last
                    ws_scanned = end
                if ws_last + 1 != word_lo:
                    word_lo = ws_last + 1
                    word_start = _OPENING_RUN_RE.match(text, word_lo).end()
                    dotted_end = _ALTERNATING_RE.match(text, word_start).end()
                if not _ends_sentence(text, word_start, end, dotted_end, nxt):
                    continue
                cut = pos
        _emit(spans, text, start, cut)
        start = m.end()
    _emit(spans, text, start, len(text))
    return spans


def _ends_sentence(text: str, start: int, end: int, dotted_end: int, nxt: str) -> bool:
    """Whether the full stop at ``end`` after the word ``text[start:end]`` ends a sentence.

    ``nxt`` is the next word (not empty, not lower-case); ``dotted_end`` is
    where the longest "letter, dot, letter, ..." run from ``start`` ends.
    """
    if start >= end:
        return True
    n = end - start
    endable = False
    if n <= _MAX_ABBREVIATION:
        prev = text[start:end]
        low = prev.lower()
        if low in _TITLES:
            return False
        if n == 1 and prev.isupper():  # an initial: "George W. Bush"
            return False
        if low in _BEFORE_NUMBER:
            return not nxt[0].isdigit()
        endable = low in _ENDABLE
    # a dotted acronym ("U.S", "e.g"): letters and dots alternate over an odd
    # number (at least 3) of characters
    if endable or (n >= 3 and n % 2 == 1 and end <= dotted_end):
        return nxt.rstrip(",;:") in _OPENERS
    return True


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


# --- clauses: the stretches of a sentence that n-grams and phrases stay inside -----
#
# Kept apart like the block above: built on tokens() and sentence_spans(), and
# nothing above uses it.

__all__ += ["CLAUSE_MARKS", "is_clause_mark", "clause_spans", "clause_words"]

CLAUSE_MARKS = frozenset(",;:()[]{}\"“”„‟«»‹›'‘’‚‛—–‒―-−!?…|•·")
"""Punctuation tokens that end a clause inside a sentence: commas, semicolons,
colons, brackets, quotation marks, dashes (a spaced hyphen too), ``!``, ``?``,
ellipses, bars and bullets. A full stop inside a sentence (``Mr.``) and the
symbols ``% $ £ & / + *`` do not."""


def is_clause_mark(token: str) -> bool:
    """Whether a punctuation token ends a clause (:data:`CLAUSE_MARKS`, a run of ``..`` or ``--``).

    >>> [is_clause_mark(t) for t in (",", "(", "—", "...", ".", "%", "$")]
    [True, True, True, True, False, False, False]
    """
    return token in CLAUSE_MARKS or (len(token) > 1 and token[0] in ".-")


def _clause_matches(text: str, src: str) -> Iterator[list[re.Match]]:
    """The word-token matches of each clause of ``text``, tokenizing ``src`` (same length)."""
    finditer, groups = _token_re(src).finditer, _WORD_GROUPS
    for start, end in sentence_spans(text):
        clause: list[re.Match] = []
        punct = False  # punctuation since the clause's last word
        for m in finditer(src, start, end):
            g = m.lastgroup
            if g in groups:
                if punct and g == "number" and clause[-1].lastgroup == "number":
                    yield clause  # "4.3% 5.1%", "$1.13bn/£600m": two figures, not a phrase
                    clause = []
                clause.append(m)
                punct = False
            elif g == "punct" and clause:
                if is_clause_mark(m.group()):
                    yield clause
                    clause, punct = [], False
                else:
                    punct = True
        if clause:
            yield clause


def clause_spans(text: str) -> list[Span]:
    """Offsets of the clauses of ``text``: sentences cut at :func:`is_clause_mark` punctuation.

    A clause also ends between two numbers with punctuation between them
    (``"4.3% 5.1%"``, ``"$1.13bn/£600m"``: two figures, not a phrase).

    Each span runs from the first to the last word token of its clause
    (kinds in :data:`WORD_KINDS`); a stretch without a word has no span.
    Spans are in order, never overlap and never cross a sentence boundary.

    Examples
    --------
    >>> t = "Profits rose 76% to $1.13bn (£600m), although sales fell. Mr. Ford said so."
    >>> [t[s:e] for s, e in clause_spans(t)]
    ['Profits rose 76% to $1.13bn', '600m', 'although sales fell', 'Mr. Ford said so']
    >>> t = "Rates of 4.3% 5.1% and 6-4 6-3"
    >>> [t[s:e] for s, e in clause_spans(t)]
    ['Rates of 4.3', '5.1% and 6-4 6-3']
    """
    return [Span(c[0].start(), c[-1].end()) for c in _clause_matches(text, text)]


def clause_words(text: str, *, lowercase: bool = False) -> list[list[str]]:
    """The word tokens of each clause of ``text`` (:func:`clause_spans`), as strings.

    The same words as :func:`words`, grouped by clause: the input of every
    n-gram count, so an n-gram never crosses a sentence boundary nor a comma,
    bracket, quotation mark or dash (``"4.3% - although"`` gives no
    ``"4.3 although"``), nor runs from one figure to the next across
    punctuation (``"1.13bn/£600m"`` gives no ``"1.13bn 600m"``).

    Parameters
    ----------
    text : str
        The document.
    lowercase : bool, default False
        Return :func:`normalize`-d words.

    Examples
    --------
    >>> clause_words("The U.S. Senate met. It voted 52-48, didn't it?", lowercase=True)
    [['the', 'u.s.', 'senate', 'met'], ['it', 'voted', '52-48'], ["didn't", 'it']]
    """
    src = text
    if lowercase:
        low = normalize(text)  # same offsets unless case-folding changes a length (see above)
        if len(low) == len(text):
            src, lowercase = low, False
    if lowercase:
        return [[normalize(m.group()) for m in c] for c in _clause_matches(text, src)]
    return [[m.group() for m in c] for c in _clause_matches(text, src)]
