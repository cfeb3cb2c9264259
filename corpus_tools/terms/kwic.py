"""Where and how is a word used? Keyword in context (concordance).

Finds a word or phrase in every document with the toolkit's tokenizer, so a
hit is always a whole word sequence (``war`` does not match ``warning``) and
its offsets index into the document's ``text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from ..corpus import check_corpus
from ..segment import WORD_KINDS, normalize, sentence_spans, tokens
from .counts import NOT_SET, NotSet, TermOptions, resolve_term_options

__all__ = ["kwic"]

KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right"]
_SPACE_RE = re.compile(r"\s+")


def _query(term: str, lowercase: bool) -> list[tuple[str, bool]]:
    """The query as (word, is_prefix) pairs."""
    parts: list[tuple[str, bool]] = []
    for piece in term.split():
        prefix = piece.endswith("*")
        ws = [t.text for t in tokens(piece.rstrip("*")) if t.kind in WORD_KINDS]
        for k, w in enumerate(ws):
            parts.append((normalize(w) if lowercase else w, prefix and k == len(ws) - 1))
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
        matches consecutive words of one sentence; punctuation between them
        is skipped, as in the n-grams of :mod:`corpus_tools.terms`.
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
        ``term`` has no words, or ``window`` is negative.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "The Prime Minister spoke. Ministers listened."})
    >>> kwic(c, "prime minister", window=2)[["left", "keyword", "right"]].values.tolist()
    [['The', 'Prime Minister', 'spoke. Ministers']]
    >>> kwic(c, "minister*")["keyword"].tolist()
    ['Minister', 'Ministers']
    """
    check_corpus(corpus, caller="kwic")
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window={window!r}: expected a number of words >= 0")
    lowercase = resolve_term_options(options, TermOptions(), caller="kwic",
                                     lowercase=lowercase).lowercase
    query = _query(str(term), lowercase)
    if not query:
        raise ValueError(f"term={term!r} has no words to look for")
    first = query[0][0]
    n_q = len(query)
    rows = []
    for doc_id, text in zip(corpus.index, corpus["text"].tolist()):
        if not isinstance(text, str) or (lowercase and first not in normalize(text)):
            continue
        toks = [t for t in tokens(text) if t.kind in WORD_KINDS]
        if not toks:
            continue
        keys = [normalize(t.text) if lowercase else t.text for t in toks]
        starts = [s.start for s in sentence_spans(text)]
        sent = [bisect_right(starts, t.start) for t in toks]
        for i in range(len(toks) - n_q + 1):
            if sent[i] != sent[i + n_q - 1]:
                continue
            if all((keys[i + k].startswith(w) if pre else keys[i + k] == w)
                   for k, (w, pre) in enumerate(query)):
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
