"""The sentence splitter and token expressions as they were before the linear rewrite.

A frozen copy (corpus_tools.segment at f7f28f9) used as the oracle of the
equivalence tests in ``test_segment.py`` and by ``benchmarks/bench_load.py``:
the linear splitter must give exactly these sentences, and the tokenizer
exactly these tokens on text without combining marks. Do not edit.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int


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



# --- sentences (reference) --------------------------------------------------------------

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


