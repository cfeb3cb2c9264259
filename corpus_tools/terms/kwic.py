"""Where and how is a word used? Keyword in context (concordance).

Finds a word or phrase in every document with the toolkit's tokenizer, so a
hit is always a whole word sequence (``war`` does not match ``warning``) and
its offsets index into the document's ``text``. A phrase stays inside one
clause, as the n-grams of :mod:`corpus_tools.terms` do, and a clitic in the
query must be in the text (``"Zelensky's"`` finds the possessive only).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import pandas as pd

from ..corpus import check_corpus
from ..segment import WORD_KINDS, clause_spans, normalize, tokens
from .counts import NOT_SET, NotSet, TermOptions, resolve_term_options

__all__ = ["kwic"]

KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right"]
_SPACE_RE = re.compile(r"\s+")


_KINDS = WORD_KINDS | {"clitic"}


class _Part(NamedTuple):
    """One token of the query."""

    text: str
    prefix: bool   # a trailing "*": any token starting with ``text``
    clitic: bool   # "'s", "'re", ...


def _query(term: str, lowercase: bool) -> list[_Part]:
    """The query's words and clitics, in order."""
    parts: list[_Part] = []
    for piece in term.split():
        prefix = piece.endswith("*")
        toks = [t for t in tokens(piece.rstrip("*")) if t.kind in _KINDS]
        for k, t in enumerate(toks):
            parts.append(_Part(normalize(t.text) if lowercase else t.text,
                               prefix and k == len(toks) - 1, t.kind == "clitic"))
    return parts


def kwic(
    corpus: pd.DataFrame,
    term: str,
    *,
    window: int = 5,
    options: TermOptions | None = None,
    lowercase: bool | NotSet = NOT_SET,
) -> pd.DataFrame:
    """Every occurrence of a word or phrase with the words around it.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    term : str
        A word (``"troops"``) or phrase (``"prime minister"``), tokenized like
        the documents; a trailing ``*`` on a word matches any word starting
        with it (``"russia*"`` finds ``Russia`` and ``Russian``). A phrase
        matches consecutive words of one clause (commas, brackets, quotation
        marks, dashes and sentence ends break it; other punctuation between
        the words is skipped), as the n-grams of :mod:`corpus_tools.terms`
        are made. Clitics are separate tokens: ``"Zelensky"`` also finds
        ``Zelensky's``, ``"Zelensky's"`` finds only the possessive, and a
        query without a clitic skips them as the n-grams do
        (``"president office"`` finds ``president's office``).
    window : int, default 5
        Words of context on each side (context may run into the neighbouring
        sentences).
    options : TermOptions, optional
        Only ``options.lowercase`` applies (default ``True``: match regardless
        of case and apostrophe style, as the terms of
        :func:`~corpus_tools.terms.term_frequencies` are made); the query
        itself says which words to look for, stop words or not.
    lowercase : bool, optional
        Overrides ``options.lowercase``.

    Returns
    -------
    pandas.DataFrame
        One row per hit, in corpus order: ``doc_id``, ``start``, ``end``
        (``text[start:end]`` is the hit), ``left`` and ``right`` (the
        context as it is written, punctuation included, runs of whitespace
        shown as one space) and ``keyword`` (the hit as written). No rows
        when nothing matches; empty documents never match.

    Raises
    ------
    ValueError
        ``term`` has no word, or ``window`` is negative.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "The Prime Minister spoke. Ministers listened."})
    >>> kwic(c, "prime minister", window=2)[["left", "keyword", "right"]].values.tolist()
    [['The', 'Prime Minister', 'spoke. Ministers']]
    >>> kwic(c, "minister*")["keyword"].tolist()
    ['Minister', 'Ministers']
    >>> c = corpus_from_texts({"a": "Zelensky spoke. Zelensky's aides left."})
    >>> kwic(c, "Zelensky's")["keyword"].tolist(), len(kwic(c, "Zelensky"))
    (["Zelensky's"], 2)
    """
    check_corpus(corpus, caller="kwic")
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window={window!r}: expected a number of words >= 0")
    lowercase = resolve_term_options(options, TermOptions(), caller="kwic",
                                     lowercase=lowercase).lowercase
    query = _query(str(term), lowercase)
    if not any(not part.clitic for part in query):
        raise ValueError(f"term={term!r} has no word to look for")
    kinds = _KINDS if any(part.clitic for part in query) else WORD_KINDS
    first = query[0].text
    n_q = len(query)
    rows = []
    for doc_id, text in zip(corpus.index, corpus["text"].tolist()):
        if not isinstance(text, str) or (lowercase and first not in normalize(text)):
            continue
        toks = [t for t in tokens(text) if t.kind in kinds]
        if not toks:
            continue
        keys = [normalize(t.text) if lowercase else t.text for t in toks]
        starts = [s.start for s in clause_spans(text)]
        clause = [bisect_right(starts, t.start) for t in toks]
        for i in range(len(toks) - n_q + 1):
            if clause[i] != clause[i + n_q - 1]:
                continue
            if all((keys[i + k].startswith(p.text) if p.prefix else keys[i + k] == p.text)
                   and (toks[i + k].kind == "clitic") == p.clitic
                   for k, p in enumerate(query)):
                start, end = toks[i].start, toks[i + n_q - 1].end
                lo = toks[max(i - window, 0)].start if window and i else start
                j = i + n_q - 1
                hi = toks[min(j + window, len(toks) - 1)].end if window else end
                rows.append((str(doc_id), start, end,
                             _SPACE_RE.sub(" ", text[lo:start]).strip(),
                             text[start:end],
                             _SPACE_RE.sub(" ", text[end:max(hi, end)]).strip()))
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return frame.astype({"doc_id": "str", "start": "int64", "end": "int64", "left": "str",
                         "keyword": "str", "right": "str"})
